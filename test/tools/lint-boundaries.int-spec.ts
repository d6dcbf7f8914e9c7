import { execFileSync, spawnSync } from 'node:child_process';
import { resolve } from 'node:path';

const root = resolve(__dirname, '../..');

/** The module boundaries are lint errors: each broken rule of the architecture fails `npm test`. */
describe('lint: module boundaries', () => {
  beforeAll(() => {
    // the boundary rule reads Nx's project graph, which this computes
    execFileSync(process.execPath, [resolve(root, 'node_modules/nx/dist/bin/nx.js'), 'show', 'projects'], { cwd: root, env: { ...process.env, NX_DAEMON: 'false' }, stdio: 'ignore' });
  });

  /** What the workspace's ESLint says of `code` placed at `filePath` (the real CLI and config, nothing written). */
  const problems = async (filePath: string, code: string) => {
    const run = spawnSync(process.execPath, [resolve(root, 'node_modules/eslint/bin/eslint.js'), '--stdin', '--stdin-filename', filePath, '--format', 'json'], { cwd: root, input: code, encoding: 'utf8' });
    const [result] = JSON.parse(run.stdout) as { messages: { ruleId: string; message: string }[] }[];
    return result.messages.map((m) => `${m.ruleId}: ${m.message.split('\n')[0]}`);
  };

  it.each([
    ['the gateway reaching the persistence lib', 'apps/gateway/src/probe.ts', "import { sql } from '@oms/persistence';\nexport const probe = sql;\n", 'can only depend on libs tagged with "scope:shared"'],
    ['the gateway reaching a database driver', 'apps/gateway/src/probe.ts', "import { Pool } from 'pg';\nexport const probe = Pool;\n", 'is not allowed to import "pg"'],
    ['an app importing another app', 'apps/order-service/src/probe.ts', "import { CONTROLLERS } from '../../gateway/src/app.module';\nexport const probe = CONTROLLERS;\n", 'Projects cannot be imported by a relative or absolute path'],
    ['a lib importing an app', 'libs/money/src/probe.ts', "import { orderService } from '../../../apps/order-service/src/main';\nexport const probe = orderService;\n", 'Projects cannot be imported by a relative or absolute path'],
  ])('refuses %s', async (_, filePath, code, expected) => {
    expect(await problems(filePath, code)).toEqual([expect.stringContaining(expected)]);
  });

  it('lets services use the database libs and the gateway the shared ones', async () => {
    expect(await problems('apps/order-service/src/probe.ts', "import { sql } from '@oms/persistence';\nexport const probe = sql;\n")).toEqual([]);
    expect(await problems('apps/gateway/src/probe.ts', "import { RpcClient } from '@oms/messaging';\nexport const probe = RpcClient;\n")).toEqual([]);
  });
});
