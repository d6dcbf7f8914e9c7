// What `npm start`, `npm test` and `npm run bench` share: installing dependencies when missing, making
// sure PostgreSQL and RabbitMQ answer (starting local ones that are down), building, running the apps.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
/** The developer-machine settings the apps default to (one definition, also read by the gateway). */
export const DEVELOPMENT = JSON.parse(readFileSync(join(root, 'libs/platform/src/config/development.json'), 'utf8'));
export const APPS = ['order-service', 'inventory-service', 'shipment-service', 'notification-service', 'gateway'];

export const log = (message) => console.log(`[oms] ${message}`);

export function run(command, args, options = {}) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', ...options });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed with ${result.status ?? result.signal}`);
}

/** `npm install` when node_modules is missing or older than package.json / package-lock.json. */
export function ensureInstalled() {
  const marker = join(root, 'node_modules/.package-lock.json');
  const stale = !existsSync(marker) || ['package.json', 'package-lock.json']
    .filter((file) => existsSync(join(root, file)))
    .some((file) => statSync(join(root, file)).mtimeMs > statSync(marker).mtimeMs);
  if (!stale) return;
  log('installing dependencies (npm install)…');
  // `npm ci` fails on this registry mirror (see shared STACK.md); `npm install` keeps the lockfile as is.
  run('npm', ['install', '--no-audit', '--no-fund']);
}

/** ESLint over the workspace; the module-boundary rule reads Nx's project graph, computed first. */
export function lint() {
  run(process.execPath, [join(root, 'node_modules/nx/dist/bin/nx.js'), 'show', 'projects'], { stdio: 'ignore', env: { ...process.env, NX_DAEMON: 'false' } });
  run(process.execPath, [join(root, 'node_modules/eslint/bin/eslint.js'), '.']);
}

export function build() {
  run(process.execPath, [join(root, 'tools/build.mjs')]);
}

function reachable(host, port, timeoutMs = 1000) {
  return new Promise((resolvePromise) => {
    // a host that is a directory is PostgreSQL's Unix socket there (libpq's and node-postgres's reading)
    const socket = connect(host.startsWith('/') ? { path: `${host}/.s.PGSQL.${port}` } : { host, port });
    const done = (ok) => {
      socket.destroy();
      resolvePromise(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

const isLocal = (host) => host.startsWith('/') || ['127.0.0.1', 'localhost', '::1'].includes(host);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function tryQuietly(command, args) {
  try {
    execFileSync(command, args, { stdio: 'ignore', timeout: 60_000 });
    return true;
  } catch {
    return false;
  }
}

const pgVersions = () => (existsSync('/etc/postgresql') ? readdirSync('/etc/postgresql').sort((a, b) => Number(a) - Number(b)) : []);
const isRoot = () => process.getuid?.() === 0;
const hasCommand = (name) => spawnSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' }).status === 0;

const servers = [
  {
    name: 'PostgreSQL',
    url: process.env.POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432',
    defaultPort: 5432,
    debianPackage: 'postgresql',
    installed: () => pgVersions().length > 0,
    start: async () => {
      const version = pgVersions().at(-1);
      if (!version || !tryQuietly('pg_ctlcluster', ['--skip-systemctl-redirect', version, 'main', 'start'])) return false;
      // the apps connect as postgres without a password over TCP, as on the project's machines
      if (isRoot() && !tryQuietly('psql', ['-h', '127.0.0.1', '-U', 'postgres', '-Atc', 'select 1'])) {
        const hba = `/etc/postgresql/${version}/main/pg_hba.conf`;
        writeFileSync(hba, readFileSync(hba, 'utf8').replace(/^(host\s+all\s+all\s+(127\.0\.0\.1\/32|::1\/128)\s+)\S+/gm, '$1trust'));
        tryQuietly('pg_ctlcluster', ['--skip-systemctl-redirect', version, 'main', 'reload']);
      }
      return true;
    },
  },
  {
    name: 'RabbitMQ',
    url: process.env.AMQP_URL ?? 'amqp://guest:guest@127.0.0.1:5672',
    defaultPort: 5672,
    debianPackage: 'rabbitmq-server',
    installed: () => hasCommand('rabbitmq-server'),
    start: async () => {
      if (!tryQuietly('rabbitmq-server', ['-detached'])) return false;
      for (let i = 0; i < 60; i++) {
        if (tryQuietly('rabbitmqctl', ['-q', 'await_startup'])) return true;
        await sleep(1000);
      }
      return false;
    },
  },
];

const addressOf = (server) => {
  const { hostname, port } = new URL(server.url);
  return { host: decodeURIComponent(hostname).replace(/^\[|\]$/g, ''), port: Number(port || server.defaultPort) };
};

/**
 * Makes sure both servers answer. Local ones that are down are started; missing ones are installed
 * from Debian's packages when this runs as root on Debian or Ubuntu. Otherwise one error names
 * everything missing and the one command that fixes it. (RabbitMQ has no embedded form.)
 */
export async function ensureServers() {
  const down = [];
  for (const server of servers) if (!(await reachable(addressOf(server).host, addressOf(server).port))) down.push(server);
  const local = down.filter((server) => isLocal(addressOf(server).host));
  const missing = local.filter((server) => !server.installed());
  if (missing.length && isRoot() && hasCommand('apt-get')) {
    log(`installing ${missing.map((s) => s.name).join(' and ')} (apt-get)…`);
    aptInstall(missing.map((s) => s.debianPackage));
  }
  const problems = [];
  for (const server of down) {
    const { host, port } = addressOf(server);
    if (isLocal(host) && server.installed()) {
      log(`${server.name} is not answering on ${host}:${port}; starting it…`);
      await server.start();
      for (let i = 0; i < 30 && !(await reachable(host, port)); i++) await sleep(500);
      if (await reachable(host, port)) continue;
    }
    problems.push(server);
  }
  if (!problems.length) return applyBrokerPolicies();
  const names = problems.map((s) => `${s.name} (${addressOf(s).host}:${addressOf(s).port})`).join(' and ');
  const packages = problems.filter((s) => !s.installed()).map((s) => s.debianPackage);
  const fix = packages.length
    ? `install ${packages.length > 1 ? 'them' : 'it'} with: sudo apt-get install -y ${packages.join(' ')} (or point POSTGRES_URL / AMQP_URL at servers you have)`
    : `start ${problems.length > 1 ? 'them' : 'it'}, or point POSTGRES_URL / AMQP_URL at servers you have`;
  throw new Error(`${names} ${problems.length > 1 ? 'are' : 'is'} not reachable: ${fix}.`);
}

let aptUpdated = false;
/** Installs Debian packages (the package lists are refreshed once per run). */
function aptInstall(packages) {
  if (!aptUpdated) run('apt-get', ['update', '-qq']);
  aptUpdated = true;
  run('apt-get', ['install', '-y', '-qq', ...packages], { env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
}

/**
 * A Debian package some tests drive (chromium for the browser specs, docker-compose for the compose file
 * check): installed with apt-get when missing and this runs as root on Debian or Ubuntu; otherwise the
 * specs that need it fail and say how to get it.
 */
function ensureDebianTool(path, debianPackage, why) {
  if (existsSync(path)) return;
  if (isRoot() && hasCommand('apt-get')) {
    log(`installing ${debianPackage} for ${why} (apt-get)…`);
    aptInstall([debianPackage]);
  } else {
    log(`no ${path}: ${why} will fail; install it with sudo apt-get install -y ${debianPackage}`);
  }
}

/** Debian's chromium for the browser tests (no browser is downloaded; CHROMIUM_PATH points elsewhere). */
export const ensureBrowser = (path = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium') => ensureDebianTool(path, 'chromium', 'the browser tests');
/** Debian's docker-compose, which checks docker-compose.yml (`docker-compose config`; nothing runs in containers here). */
export const ensureCompose = () => ensureDebianTool('/usr/bin/docker-compose', 'docker-compose', 'the compose file check');

/**
 * The broker's policies (libs/messaging/src/broker-policies.json: the unroutable queue's length limit,
 * the work queues' delivery limit and dead-letter strategy) on a local RabbitMQ, where rabbitmqctl
 * reaches it; a remote broker's operator applies them.
 */
export function applyBrokerPolicies(vhost = '/') {
  const amqp = servers.find((s) => s.name === 'RabbitMQ');
  if (!isLocal(addressOf(amqp).host) || !hasCommand('rabbitmqctl')) return;
  const { policies } = JSON.parse(readFileSync(join(root, 'libs/messaging/src/broker-policies.json'), 'utf8'));
  for (const { name, pattern, applyTo, priority, definition } of policies) {
    const args = ['-q', 'set_policy', '-p', vhost, '--apply-to', applyTo, '--priority', String(priority), name, pattern, JSON.stringify(definition)];
    if (!tryQuietly('rabbitmqctl', args)) log(`could not apply the RabbitMQ policy ${name} (${JSON.stringify(definition)}); apply it as docs/operations.md says`);
  }
}

/**
 * Starts every app from dist/ with the given environment and node options (a list, or a function of the
 * app answering its own); resolves when the gateway is ready.
 */
export async function startApps(env = {}, nodeArgs = []) {
  const children = APPS.map((app) => {
    const args = typeof nodeArgs === 'function' ? nodeArgs(app) : nodeArgs;
    const child = spawn(process.execPath, ['--enable-source-maps', ...args, join(root, 'dist/apps', app, 'src/main.js')], {
      cwd: root,
      env: { ...process.env, ...env[app], ...env.all },
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    return { app, child };
  });
  const gatewayPort = env.gateway?.PORT ?? process.env.PORT ?? 3000;
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    const dead = children.find(({ child }) => child.exitCode !== null);
    if (dead) throw Object.assign(new Error(`${dead.app} exited during start (code ${dead.child.exitCode}); see its log above`), { children });
    const ready = await Promise.all(
      children.map(({ app }) => fetch(`http://127.0.0.1:${app === 'gateway' ? gatewayPort : portOf(app, env)}/health/ready`).then((r) => r.ok, () => false)),
    );
    if (ready.every(Boolean)) return { children, gatewayUrl: `http://localhost:${gatewayPort}` };
    await sleep(250);
  }
  throw Object.assign(new Error('the apps did not become ready within 60 s'), { children });
}

const DEFAULT_PORTS = { 'order-service': 3001, 'inventory-service': 3002, 'shipment-service': 3003, 'notification-service': 3004 };
const portOf = (app, env) => env[app]?.PORT ?? DEFAULT_PORTS[app];

/** SIGTERM to every app, then waits for them (each drains its in-flight work). */
export async function stopApps(children) {
  await Promise.all(
    children.map(({ child }) => {
      if (child.exitCode !== null) return undefined;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      return exited;
    }),
  );
}
