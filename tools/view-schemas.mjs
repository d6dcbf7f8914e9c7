// Generates apps/gateway/src/http/view-schemas.json: JSON schemas of the response views the contracts
// declare as TypeScript interfaces (OrderView, ShipmentView, Problem, …), for the OpenAPI document's
// responses. `node tools/view-schemas.mjs` rewrites it; `--check` fails when it is stale (a unit spec runs that).
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createGenerator } from 'ts-json-schema-generator';
import { root } from './lib/workspace.mjs';

const output = join(root, 'apps/gateway/src/http/view-schemas.json');
/** The types answered by the API: views, report rows, webhook results, problems. */
const isResponseType = (name) => /(View|Row|Result)$/.test(name) || name === 'Problem';

/** The names of the response types the contracts export. */
function responseTypeNames() {
  const names = new Set();
  for (const file of execFileSync('git', ['ls-files', 'libs/contracts/src'], { cwd: root, encoding: 'utf8' }).split('\n').filter((f) => f.endsWith('.ts'))) {
    for (const [, name] of readFileSync(join(root, file), 'utf8').matchAll(/^export (?:interface|type) (\w+)/gm)) if (isResponseType(name)) names.add(name);
  }
  return [...names].sort();
}

export function viewSchemas() {
  const generator = createGenerator({
    path: join(root, 'libs/contracts/src/index.ts'),
    tsconfig: join(root, 'tsconfig.base.json'),
    expose: 'export',
    topRef: false,
    skipTypeCheck: true,
    additionalProperties: true,
  });
  const definitions = {};
  for (const name of responseTypeNames()) {
    const { definitions: nested = {}, $schema, ...schema } = generator.createSchema(name);
    Object.assign(definitions, nested, { [name]: schema });
  }
  const schemas = Object.fromEntries(Object.keys(definitions).sort().map((name) => [name, definitions[name]]));
  return `${JSON.stringify(schemas, null, 2).replace(/#\/definitions\//g, '#/components/schemas/')}\n`;
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop())) {
  const fresh = viewSchemas();
  if (process.argv.includes('--check')) {
    if (readFileSync(output, 'utf8') !== fresh) {
      console.error('apps/gateway/src/http/view-schemas.json is stale: run node tools/view-schemas.mjs');
      process.exit(1);
    }
  } else {
    writeFileSync(output, fresh);
    console.log(`wrote ${output}`);
  }
}
