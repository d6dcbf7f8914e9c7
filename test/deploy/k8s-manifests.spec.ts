import { execFileSync } from 'node:child_process';
import { copyFileSync, cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, parseAllDocuments, stringify } from 'yaml';
import { RpcQueues } from '@oms/contracts';
import { BROKER_POLICIES } from '@oms/messaging';
import { anyAppKnows, apps, knownKeys, services } from './app-configs';

/* eslint-disable @typescript-eslint/no-explicit-any -- rendered manifests are untyped YAML; tools/k8s-check.mjs types them */
type K8sObject = { apiVersion: string; kind: string; metadata: { name: string; labels?: Record<string, string> }; spec?: any; data?: any };

const root = join(__dirname, '../..');
const overlays = ['dev', 'prod'] as const;
/** What the operators write into the Secrets they make (CloudNativePG's `<cluster>-app`, the topology operator's `<user>-user-credentials`). */
const OPERATOR_SECRET_KEYS: Record<string, string[]> = {
  'oms-postgres-app': ['username', 'password', 'host', 'port', 'dbname', 'uri', 'jdbc-uri', 'pgpass'],
  'oms-user-credentials': ['username', 'password'],
};

/**
 * No cluster here: the overlays are rendered with `kubectl kustomize` (in a copy of k8s/ given the dev
 * overlay's secret files, which are kept out of git) and checked against their schemas and the code.
 */
describe('k8s overlays', () => {
  const work = mkdtempSync(join(tmpdir(), 'oms-k8s-'));
  const rendered: Record<string, K8sObject[]> = {};
  const files: Record<string, string> = {};

  beforeAll(() => {
    cpSync(join(root, 'k8s'), join(work, 'k8s'), { recursive: true });
    const dev = join(work, 'k8s/overlays/dev');
    copyFileSync(join(dev, 'secrets.env.example'), join(dev, 'secrets.env'));
    writeFileSync(join(dev, 'staff-users.json'), '[]');
    for (const overlay of overlays) {
      const yaml = execFileSync('kubectl', ['kustomize', join(work, 'k8s/overlays', overlay)], { encoding: 'utf8' });
      files[overlay] = join(work, `${overlay}.yaml`);
      writeFileSync(files[overlay], yaml);
      rendered[overlay] = parseAllDocuments(yaml).map((doc) => doc.toJS());
    }
  });
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  const check = (...targets: string[]): string[] => {
    try {
      return JSON.parse(execFileSync(process.execPath, [join(root, 'tools/k8s-check.mjs'), '--json', ...targets], { encoding: 'utf8' }));
    } catch (error) {
      return JSON.parse((error as { stdout: string }).stdout);
    }
  };
  const all = (overlay: string, kind: string) => rendered[overlay].filter((o) => o.kind === kind);
  const one = (overlay: string, kind: string, name: string) => {
    const found = rendered[overlay].find((o) => o.kind === kind && o.metadata.name === name);
    if (!found) throw new Error(`${overlay}: no ${kind} ${name}`);
    return found;
  };
  const container = (overlay: string, app: string) => one(overlay, 'Deployment', app).spec.template.spec.containers[0];
  const envValue = (overlay: string, app: string, name: string) => container(overlay, app).env.find((e: { name: string }) => e.name === name)?.value;

  it('validates every object of both overlays against its schema, unknown fields refused (kubernetes-models, CRD models)', () => {
    expect(check(files.dev, files.prod)).toEqual([]);
  }, 60_000);

  it('catches a misspelled field, a wrong type and a missing required field, in core objects and operator objects', () => {
    const broken = rendered.prod.map((object) => structuredClone(object));
    const gateway = broken.find((o) => o.kind === 'Deployment' && o.metadata.name === 'gateway')!;
    gateway.spec.template.spec.containers[0].imagePullPolice = 'Always';
    gateway.spec.revisionHistoryLimit = 'five';
    const policy = broken.find((o) => o.kind === 'Policy' && o.metadata.name === 'oms-unroutable')!;
    policy.spec.aplyTo = 'queues';
    delete policy.spec.pattern;
    broken.find((o) => o.kind === 'RabbitmqCluster')!.spec.replicaz = 3;
    const file = join(work, 'broken.yaml');
    writeFileSync(file, broken.map((o) => stringify(o)).join('---\n'));
    const problems = check(file).join('\n');
    expect(problems).toMatch(/Deployment\/gateway: .*'"imagePullPolice"' does not exist/);
    expect(problems).toMatch(/Deployment\/gateway: \/spec\/revisionHistoryLimit must be integer|Deployment\/gateway: \/spec\/revisionHistoryLimit type/);
    expect(problems).toMatch(/Policy\/oms-unroutable: .*'"aplyTo"' does not exist/);
    expect(problems).toMatch(/Policy\/oms-unroutable: \/spec required .*pattern/);
    expect(problems).toMatch(/RabbitmqCluster\/oms-rabbitmq: .*'"replicaz"' does not exist/);
  }, 60_000);

  describe.each(overlays)('%s', (overlay) => {
    it.each(apps)('runs %s with its settings, ports and probes as the code has them', (app) => {
      const deployment = one(overlay, 'Deployment', app);
      const [main, ...others] = deployment.spec.template.spec.containers;
      expect(others).toEqual([]);
      const env: { name: string; value?: string }[] = main.env;
      expect(env).toContainEqual({ name: 'APP', value: app });
      const port = Number(envValue(overlay, app, 'PORT'));
      const ports = app === 'gateway' ? [{ name: 'http', containerPort: port }, { name: 'metrics', containerPort: Number(envValue(overlay, app, 'METRICS_PORT')) }] : [{ name: 'http', containerPort: port }];
      expect(main.ports).toEqual(ports);
      expect(main.startupProbe.httpGet).toEqual({ path: '/health/live', port: 'http' });
      expect(main.readinessProbe.httpGet).toEqual({ path: '/health/ready', port: 'http' });
      expect(main.livenessProbe.httpGet).toEqual({ path: '/health/live', port: 'http' });
      // every variable is a setting of this app, or only there to be put into one ($(NAME), defined before it)
      const names = env.map((e) => e.name);
      for (const [index, { name, value }] of env.entries()) {
        const referenced = env.slice(index + 1).some((later) => later.value?.includes(`$(${name})`));
        expect([app, name, knownKeys(app).has(name) || referenced]).toEqual([app, name, true]);
        for (const [, used] of (value ?? '').matchAll(/\$\(([A-Z_]+)\)/g)) expect([app, name, used, names.slice(0, index).includes(used)]).toEqual([app, name, used, true]);
      }
      if (app !== 'gateway') expect(envValue(overlay, app, 'POSTGRES_URL')).toMatch(/^postgres:\/\/\$\(POSTGRES_USER\):\$\(POSTGRES_PASSWORD\)@oms-postgres-rw\./);
      expect(envValue(overlay, app, 'AMQP_URL')).toMatch(/^amqp:\/\/\$\(AMQP_USER\):\$\(AMQP_PASSWORD\)@oms-rabbitmq\.oms\.svc:5672\/oms$/);
      const service = one(overlay, 'Service', app);
      expect(service.spec.selector).toEqual(deployment.spec.selector.matchLabels);
      expect(service.spec.ports.map((p: { targetPort: string }) => p.targetPort)).toEqual(['http']);
    });

    it('takes each secret key from a Secret that has it', () => {
      const generated = overlay === 'dev'
        ? Object.keys(parse(readFileSync(join(root, 'k8s/overlays/dev/secrets.env.example'), 'utf8').replace(/^([A-Z_]+)=.*$/gm, '$1: x')) ?? {})
        : one(overlay, 'ExternalSecret', 'oms-app-secrets').spec.data.map((d: { secretKey: string }) => d.secretKey);
      const appSecret = all(overlay, 'Secret').find((s) => s.metadata.name.startsWith('oms-app-secrets'))?.metadata.name ?? 'oms-app-secrets';
      const keysOf: Record<string, string[]> = { ...OPERATOR_SECRET_KEYS, [appSecret]: generated };
      for (const app of apps) {
        for (const { name, valueFrom } of container(overlay, app).env) {
          const ref = valueFrom?.secretKeyRef;
          if (!ref) continue;
          expect([app, name, ref.name, keysOf[ref.name]]).toEqual([app, name, ref.name, expect.arrayContaining([ref.key])]);
          if (ref.name === appSecret) expect([app, name, ref.key]).toEqual([app, name, name]);
        }
      }
      expect(generated.filter((key: string) => !anyAppKnows(key))).toEqual([]);
    });

    it('commits no secret: dev generates them from files kept out of git, prod references the secret manager', () => {
      const secrets = all(overlay, 'Secret');
      if (overlay === 'dev') expect(secrets.map((s) => s.metadata.name)).toEqual([expect.stringMatching(/^oms-app-secrets-\w+$/), expect.stringMatching(/^oms-staff-users-\w+$/)]);
      else expect(secrets).toEqual([]);
      const tracked = execFileSync('git', ['ls-files', 'k8s', 'docker-compose.yml'], { cwd: root, encoding: 'utf8' }).split('\n').filter(Boolean);
      expect(tracked.filter((file) => /secrets\.env$|staff-users\.json$/.test(file))).toEqual([]);
      const gitignore = readFileSync(join(root, '.gitignore'), 'utf8');
      expect(gitignore).toContain('k8s/overlays/dev/secrets.env');
      expect(gitignore).toContain('k8s/overlays/dev/staff-users.json');
    });

    it('pins every image by a tag', () => {
      const images = [
        ...all(overlay, 'Deployment').map((d) => d.spec.template.spec.containers[0].image),
        one(overlay, 'Cluster', 'oms-postgres').spec.imageName,
        one(overlay, 'RabbitmqCluster', 'oms-rabbitmq').spec.image,
      ];
      for (const image of images) expect(image).toMatch(/^[\w./-]+(:\d+)?\/?[\w./-]*:(?!latest$)[\w.-]+$/);
      expect(new Set(all(overlay, 'Deployment').map((d) => d.spec.template.spec.containers[0].image)).size).toBe(1);
    });

    it('rolls out without refusing a request, and meets the restricted pod security profile', () => {
      expect(one(overlay, 'Namespace', 'oms').metadata.labels).toMatchObject({ 'pod-security.kubernetes.io/enforce': 'restricted' });
      const shutdownMs = services['order-service'].SHUTDOWN_TIMEOUT_MS;
      for (const deployment of all(overlay, 'Deployment')) {
        const pod = deployment.spec.template.spec;
        const [main] = pod.containers;
        expect([deployment.metadata.name, deployment.spec.strategy.rollingUpdate.maxUnavailable]).toEqual([deployment.metadata.name, 0]);
        const preStop = Number(main.lifecycle.preStop.exec.command[1]);
        expect(pod.terminationGracePeriodSeconds).toBeGreaterThan(preStop + shutdownMs / 1000);
        expect(pod.securityContext).toMatchObject({ runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } });
        expect(main.securityContext).toEqual({ allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] } });
        expect(main.resources.requests).toEqual({ cpu: expect.any(String), memory: expect.any(String) });
        expect(main.resources.limits).toMatchObject({ memory: expect.any(String) });
        expect(pod.topologySpreadConstraints.map((c: { topologyKey: string }) => c.topologyKey)).toEqual(['kubernetes.io/hostname', 'topology.kubernetes.io/zone']);
        expect(deployment.spec.replicas).toBeUndefined(); // the autoscaler owns it
      }
      const rabbit = one(overlay, 'RabbitmqCluster', 'oms-rabbitmq').spec.override.statefulSet.spec.template.spec;
      expect(rabbit.securityContext).toMatchObject({ runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } });
      for (const c of [...rabbit.containers, ...rabbit.initContainers]) expect(c.securityContext).toEqual({ allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } });
    });

    it('keeps every app available through disruptions and scales it: the gateway on CPU, each service on its queues', () => {
      for (const app of apps) {
        const pdb = one(overlay, 'PodDisruptionBudget', app);
        expect(pdb.spec.selector.matchLabels).toEqual(one(overlay, 'Deployment', app).spec.selector.matchLabels);
      }
      expect(one(overlay, 'HorizontalPodAutoscaler', 'gateway').spec.scaleTargetRef).toEqual({ apiVersion: 'apps/v1', kind: 'Deployment', name: 'gateway' });
      const vhost = one(overlay, 'Vhost', 'oms').spec.name;
      const rpcQueues = Object.values(RpcQueues) as string[];
      for (const app of Object.keys(services)) {
        const scaled = one(overlay, 'ScaledObject', app);
        expect(scaled.spec.scaleTargetRef.name).toBe(app);
        const queues = scaled.spec.triggers.map((t: { metadata: { queueName: string } }) => t.metadata.queueName);
        expect(queues).toEqual([`${app}.events`, expect.stringMatching(/\.rpc$/)]); // the consumer queue (messaging.module: `<service>.events`)
        expect(rpcQueues).toContain(queues[1]);
        for (const trigger of scaled.spec.triggers) {
          expect(trigger.metadata.vhostName).toBe(vhost);
          expect(one(overlay, 'TriggerAuthentication', trigger.authenticationRef.name)).toBeDefined();
        }
      }
    });

    it('gives each service its database on the CloudNativePG cluster, within the connection budget', () => {
      const cluster = one(overlay, 'Cluster', 'oms-postgres').spec;
      const databases = all(overlay, 'Database');
      const owner = cluster.bootstrap.initdb.owner;
      for (const [app, config] of Object.entries(services)) {
        const name = new URL(config.databaseUrl()).pathname.slice(1);
        expect([app, databases.find((d) => d.spec.name === name)?.spec]).toEqual([app, expect.objectContaining({ owner, cluster: { name: 'oms-postgres' } })]);
      }
      const poolSize = Number(one(overlay, 'ConfigMap', 'oms-config').data.DATABASE_POOL_SIZE);
      const connections = Object.keys(services).reduce((sum, app) => sum + one(overlay, 'ScaledObject', app).spec.maxReplicaCount * (poolSize + 2), 0);
      const { max_connections, superuser_reserved_connections } = cluster.postgresql.parameters;
      expect(connections).toBeLessThanOrEqual(Number(max_connections) - Number(superuser_reserved_connections));
    });

    it('declares the vhost, user, permission and the broker policies of libs/messaging on the RabbitMQ cluster', () => {
      const user = one(overlay, 'User', 'oms');
      expect(Object.keys(OPERATOR_SECRET_KEYS)).toContain(`${user.metadata.name}-user-credentials`);
      expect(one(overlay, 'Permission', 'oms').spec).toMatchObject({ vhost: 'oms', userReference: { name: 'oms' }, permissions: { configure: '.*', write: '.*', read: '.*' } });
      const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name);
      expect(all(overlay, 'Policy').map(({ spec: { name, pattern, applyTo, priority, definition, vhost } }) => ({ vhost, name, pattern, applyTo, priority, definition })).sort(byName))
        .toEqual(BROKER_POLICIES.map((policy) => ({ vhost: 'oms', ...policy })).sort(byName));
      for (const kind of ['Vhost', 'User', 'Permission', 'Policy']) {
        for (const object of all(overlay, kind)) expect(object.spec.rabbitmqClusterReference).toEqual({ name: 'oms-rabbitmq' });
      }
      expect(one(overlay, 'RabbitmqCluster', 'oms-rabbitmq').spec.image).toMatch(/^rabbitmq:4\.\d+/);
    });

    it('denies all traffic but what each part needs, and scrapes ports the pods have', () => {
      const policies = all(overlay, 'NetworkPolicy');
      expect(one(overlay, 'NetworkPolicy', 'default-deny').spec).toEqual({ podSelector: {}, policyTypes: ['Ingress', 'Egress'] });
      const selects = (selector: Record<string, string>, labels: Record<string, string>) => Object.entries(selector ?? {}).every(([k, v]) => labels[k] === v);
      const allowsIn = (labels: Record<string, string>, port: string | number) => policies.some((p) => selects(p.spec.podSelector.matchLabels, labels)
        && (p.spec.ingress ?? []).some((rule: { ports?: { port: string | number }[] }) => rule.ports?.some((allowed) => allowed.port === port)));
      const allowsOut = (labels: Record<string, string>, port: number) => policies.some((p) => selects(p.spec.podSelector.matchLabels, labels)
        && (p.spec.egress ?? []).some((rule: { ports?: { port: number }[] }) => rule.ports?.some((allowed) => allowed.port === port)));
      for (const app of apps) {
        const labels = one(overlay, 'Deployment', app).spec.template.metadata.labels;
        expect([app, allowsIn(labels, app === 'gateway' ? 'metrics' : 'http'), allowsOut(labels, 5672), allowsOut(labels, 53)]).toEqual([app, true, true, true]);
        if (app !== 'gateway') expect([app, allowsOut(labels, 5432)]).toEqual([app, true]);
      }
      expect(allowsIn({ 'cnpg.io/cluster': 'oms-postgres' }, 5432)).toBe(true);
      expect(allowsIn({ 'app.kubernetes.io/name': 'oms-rabbitmq' }, 5672)).toBe(true);

      for (const monitor of all(overlay, 'PodMonitor').filter((m) => m.metadata.name === 'oms-gateway' || m.metadata.name === 'oms-services')) {
        const pods = all(overlay, 'Deployment').filter((d) => selects(monitor.spec.selector.matchLabels, d.spec.template.metadata.labels));
        expect(pods.length).toBeGreaterThan(0);
        for (const pod of pods) {
          const portNames = pod.spec.template.spec.containers[0].ports.map((p: { name: string }) => p.name);
          for (const endpoint of monitor.spec.podMetricsEndpoints) expect([pod.metadata.name, portNames]).toEqual([pod.metadata.name, expect.arrayContaining([endpoint.port])]);
        }
      }
    });

    it('configures only settings some app reads, and alerts only on metrics the apps export', () => {
      const keys = Object.keys(one(overlay, 'ConfigMap', 'oms-config').data);
      expect(keys.filter((key) => !anyAppKnows(key))).toEqual([]);
      const rules = stringify(one(overlay, 'PrometheusRule', 'oms-alerts').spec);
      const used = new Set([...rules.matchAll(/\boms_[a-z_]+/g)].map((m) => m[0].replace(/_(bucket|count|sum)$/, '')));
      const source = execFileSync('git', ['grep', '-h', "name: '\\?oms_", '--', 'apps', 'libs'], { cwd: root, encoding: 'utf8' })
        + execFileSync('git', ['grep', '-h', 'RPC_LATENCY = ', '--', 'libs'], { cwd: root, encoding: 'utf8' });
      const defined = new Set([...source.matchAll(/'(oms_[a-z_]+)'/g)].map((m) => m[1]));
      expect(used.size).toBeGreaterThan(5);
      expect([...used].filter((name) => !defined.has(name))).toEqual([]);
    });
  });
});
