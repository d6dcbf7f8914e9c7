import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { BROKER_POLICIES } from '@oms/messaging';
import { apps, knownKeys } from './app-configs';

/** Docker is not available here, so the deployment files are checked against the code instead. */
const root = join(__dirname, '../..');

describe('docker-compose.yml', () => {
  const compose = parse(readFileSync(join(root, 'docker-compose.yml'), 'utf8'), { merge: true });

  it('runs the servers and every app from the one image', () => {
    expect(Object.keys(compose.services).sort()).toEqual(['postgres', 'rabbitmq', ...apps].sort());
    for (const app of apps) {
      const service = compose.services[app];
      expect(service.image).toBe('oms:local');
      expect(service.environment.APP).toBe(app);
      expect(service.depends_on).toEqual({ postgres: { condition: 'service_healthy' }, rabbitmq: { condition: 'service_healthy' } });
      expect(service.healthcheck.test.join(' ')).toContain('/health/ready');
    }
  });

  it('gives each app a port of its own and only settings the app reads', () => {
    const ports = apps.map((app) => compose.services[app].environment.PORT);
    expect(new Set(ports).size).toBe(apps.length);
    for (const app of apps) {
      for (const key of Object.keys(compose.services[app].environment)) expect([app, knownKeys(app).has(key) && key]).toEqual([app, key]);
    }
    expect(compose.services.gateway.ports).toEqual(['3000:3000']);
  });

  it('passes docker-compose config (Debian docker-compose; npm test installs it)', () => {
    expect(() => execFileSync('docker-compose', ['-f', join(root, 'docker-compose.yml'), 'config', '-q'], { cwd: root, stdio: 'pipe' })).not.toThrow();
  });

  it('runs a current RabbitMQ that loads the broker policies and the user the apps connect as', () => {
    expect(compose.services.rabbitmq.image).toMatch(/^rabbitmq:(4|[5-9])\.\d+-management$/);
    const mounted = new Map(compose.services.rabbitmq.volumes.filter((v: string) => v.startsWith('./')).map((v: string) => v.split(':').slice(0, 2).reverse()));
    const conf = readFileSync(join(root, mounted.get('/etc/rabbitmq/conf.d/20-oms.conf') as string), 'utf8');
    expect(conf).toMatch(/^load_definitions = \/etc\/rabbitmq\/definitions\.json$/m);
    const definitions = JSON.parse(readFileSync(join(root, mounted.get('/etc/rabbitmq/definitions.json') as string), 'utf8'));
    expect(definitions.policies.map(({ vhost, 'apply-to': applyTo, ...rest }: { vhost: string; 'apply-to': string }) => ({ vhost, applyTo, ...rest })))
      .toEqual(BROKER_POLICIES.map((policy) => ({ vhost: '/', ...policy })));
    const [, user] = compose['x-app'].environment.AMQP_URL.match(/^amqp:\/\/([^:]+):/);
    expect(definitions.users.map((u: { name: string }) => u.name)).toEqual([user]);
    expect(definitions.permissions).toEqual([{ user, vhost: '/', configure: '.*', write: '.*', read: '.*' }]);
  });
});

describe('Dockerfile', () => {
  const dockerfile = readFileSync(join(root, 'Dockerfile'), 'utf8');

  it('builds with the workspace build and runs the chosen app as PID 1', () => {
    expect(dockerfile).toContain('node tools/build.mjs');
    expect(dockerfile).toMatch(/CMD \["sh", "-c", "exec node [^"]*dist\/apps\/\$APP\/src\/main\.js"\]/);
    for (const app of apps) expect(readdirSync(join(root, 'apps', app, 'src'))).toContain('main.ts');
  });
});

