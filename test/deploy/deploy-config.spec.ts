import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, parseAllDocuments } from 'yaml';
import { GatewayConfig } from '../../apps/gateway/src/config/gateway.config';
import { InventoryServiceConfig } from '../../apps/inventory-service/src/config/inventory-service.config';
import { NotificationServiceConfig } from '../../apps/notification-service/src/config/notification-service.config';
import { OrderServiceConfig } from '../../apps/order-service/src/config/order-service.config';
import { ShipmentServiceConfig } from '../../apps/shipment-service/src/config/shipment-service.config';

/** Docker is not available here, so the deployment files are checked against the code instead. */
const root = join(__dirname, '../..');
const configs: Record<string, object> = {
  gateway: new GatewayConfig(),
  'order-service': new OrderServiceConfig(),
  'inventory-service': new InventoryServiceConfig(),
  'shipment-service': new ShipmentServiceConfig(),
  'notification-service': new NotificationServiceConfig(),
};
const apps = Object.keys(configs);
const knownKeys = (app: string) => new Set([...Object.keys(configs[app]), 'APP', 'NODE_ENV']);
const anyAppKnows = (key: string) => apps.some((app) => knownKeys(app).has(key));

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
});

describe('Dockerfile', () => {
  const dockerfile = readFileSync(join(root, 'Dockerfile'), 'utf8');

  it('builds with the workspace build and runs the chosen app as PID 1', () => {
    expect(dockerfile).toContain('node tools/build.mjs');
    expect(dockerfile).toMatch(/CMD \["sh", "-c", "exec node [^"]*dist\/apps\/\$APP\/src\/main\.js"\]/);
    for (const app of apps) expect(readdirSync(join(root, 'apps', app, 'src'))).toContain('main.ts');
  });
});

describe('k8s manifests', () => {
  const dir = join(root, 'k8s');
  const kustomization = parse(readFileSync(join(dir, 'kustomization.yaml'), 'utf8'));

  it('lists every manifest in the kustomization', () => {
    const files = readdirSync(dir).filter((f) => f.endsWith('.yaml') && f !== 'kustomization.yaml');
    expect([...kustomization.resources].sort()).toEqual(files.sort());
  });

  it.each(apps)('deploys %s with probes on its port and a graceful stop', (app) => {
    const docs = parseAllDocuments(readFileSync(join(dir, `${app}.yaml`), 'utf8')).map((d) => d.toJS());
    const deployment = docs.find((d) => d.kind === 'Deployment');
    const service = docs.find((d) => d.kind === 'Service');
    const container = deployment.spec.template.spec.containers[0];
    const port = Number(container.env.find((e: { name: string }) => e.name === 'PORT').value);
    expect(container.env).toContainEqual({ name: 'APP', value: app });
    // the gateway's API port is public: Prometheus scrapes its metrics port instead
    const metricsPort = app === 'gateway' ? Number(container.env.find((e: { name: string }) => e.name === 'METRICS_PORT').value) : port;
    expect(container.ports).toEqual(app === 'gateway' ? [{ name: 'http', containerPort: port }, { name: 'metrics', containerPort: metricsPort }] : [{ name: 'http', containerPort: port }]);
    expect(deployment.spec.template.metadata.annotations['prometheus.io/port']).toBe(String(metricsPort));
    expect(container.readinessProbe.httpGet).toEqual({ path: '/health/ready', port: 'http' });
    expect(container.livenessProbe.httpGet).toEqual({ path: '/health/live', port: 'http' });
    expect(deployment.spec.template.spec.terminationGracePeriodSeconds).toBeGreaterThanOrEqual(15);
    expect(service.spec.selector).toEqual(deployment.spec.selector.matchLabels);
  });

  it('alerts only on metrics the apps export', () => {
    const rules = readFileSync(join(dir, 'prometheus-rules.yaml'), 'utf8');
    const used = new Set([...rules.matchAll(/\boms_[a-z_]+/g)].map((m) => m[0].replace(/_(bucket|count|sum)$/, '')));
    const source = execFileSync('git', ['grep', '-h', "name: '\\?oms_", '--', 'apps', 'libs'], { cwd: root, encoding: 'utf8' })
      + execFileSync('git', ['grep', '-h', 'RPC_LATENCY = ', '--', 'libs'], { cwd: root, encoding: 'utf8' });
    const defined = new Set([...source.matchAll(/'(oms_[a-z_]+)'/g)].map((m) => m[1]));
    expect(used.size).toBeGreaterThan(5);
    expect([...used].filter((name) => !defined.has(name))).toEqual([]);
  });

  it('configures only settings some app reads', () => {
    const docs = parseAllDocuments(readFileSync(join(dir, 'config.yaml'), 'utf8')).map((d) => d.toJS());
    const keys = docs.flatMap((d) => Object.keys(d.data ?? d.stringData ?? {}));
    expect(keys.filter((key) => !anyAppKnows(key))).toEqual([]);
  });
});
