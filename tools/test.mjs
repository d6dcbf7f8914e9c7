// npm test: installs what is missing, makes sure PostgreSQL and RabbitMQ are up, typechecks, lints, builds, and
// runs every test: unit specs, then the integration specs in band (one of them restarts the broker).
// Without the servers (and no way to get them), the type check and unit specs still run and the
// integration specs are skipped with the reason; under CI=true that is a failure, since CI installs them.
// Ends with the line "N passed, N failed". Extra arguments go to jest (e.g. a path pattern).
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { build, ensureBrowser, ensureCompose, ensureInstalled, ensureServers, lint, log, root, run } from './lib/workspace.mjs';

const resultsDir = join(root, '.oms');
const jest = join(root, 'node_modules/jest/bin/jest.js');
const extra = process.argv.slice(2);

function runJest(project, args) {
  const output = join(resultsDir, `${project}.json`);
  rmSync(output, { force: true });
  log(`running the ${project} tests…`);
  spawnSync(process.execPath, [jest, '--selectProjects', project, '--json', '--outputFile', output, ...args, ...extra], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, FORCE_COLOR: process.env.CI ? '0' : process.env.FORCE_COLOR },
  });
  if (!existsSync(output)) return { passed: 0, failed: 1 };
  const results = JSON.parse(readFileSync(output, 'utf8'));
  // a suite that could not run (syntax error, failing beforeAll with no tests) counts as a failure
  return { passed: results.numPassedTests, failed: results.numFailedTests + results.numRuntimeErrorTestSuites };
}

let passed = 0;
let failed = 0;
try {
  ensureInstalled();
  const servers = await ensureServers().then(() => null, (error) => error);
  if (servers && process.env.CI) throw servers;
  log('type checking…');
  run(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.base.json', '--noEmit']);
  run(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', 'apps/admin-web/tsconfig.json']);
  ensureBrowser();
  ensureCompose();
  log('linting (module boundaries included)…');
  lint();
  build();
  mkdirSync(resultsDir, { recursive: true });
  const projects = servers ? [['unit', []]] : [['unit', []], ['integration', ['--runInBand']]];
  for (const [project, args] of projects) {
    const result = runJest(project, args);
    passed += result.passed;
    failed += result.failed;
  }
  if (servers) log(`the integration specs were SKIPPED: ${servers.message}`);
} catch (error) {
  console.error(`[oms] ${error.message}`);
  failed += 1;
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
