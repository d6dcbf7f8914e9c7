import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';

const root = resolve(__dirname, '../..');

/** The OpenAPI responses come from the contracts' view types; the generated schemas must be current. */
describe('view schemas of the OpenAPI document', () => {
  it('match the contracts (node tools/view-schemas.mjs regenerates them)', () => {
    const check = spawnSync(process.execPath, [resolve(root, 'tools/view-schemas.mjs'), '--check'], { cwd: root, encoding: 'utf8', timeout: 60_000 });
    expect({ status: check.status, stderr: check.stderr.trim() }).toEqual({ status: 0, stderr: '' });
  });
});
