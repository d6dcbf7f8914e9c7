// Writes apps/gateway/src/graphql/schema.graphql from the gateway's resolvers (the compiled ones in
// dist/, so it builds first). A unit spec fails when the committed file drifts from them.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { root } from './lib/workspace.mjs';

execFileSync(process.execPath, [join(root, 'tools/build.mjs'), '--no-web'], { cwd: root, stdio: 'inherit' });
const require = createRequire(import.meta.url);
require('reflect-metadata');
const { printGatewaySchema } = require(join(root, 'dist/apps/gateway/src/graphql/schema-file.js'));
const target = join(root, 'apps/gateway/src/graphql/schema.graphql');
writeFileSync(target, await printGatewaySchema());
console.log(`wrote ${target}`);
