// npm run k8s:check -- [overlay folders or rendered YAML files] (default: k8s/overlays/dev and prod)
// Validates every object against its schema without a cluster: core objects with the kubernetes-models
// package, the operators' objects with models generated from their CRDs (k8s/crds, vendored). The schemas
// let unknown fields pass, so each object is also type-checked as a literal of its model's TypeScript
// type, which refuses a field the type does not have (a misspelled `replicas`, `imagePullPolicy`...).
// Prints one line per problem (`--json`: a JSON array), exits 1 when there is any.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseAllDocuments } from 'yaml';
import { root } from './lib/workspace.mjs';

const crdDir = join(root, 'k8s/crds');
const pascal = (text) => text.split(/[.-]/).map((part) => part.charAt(0).toUpperCase() + part.slice(1)).join('');

/** Models for the vendored CRDs, generated once per set of CRD files (node_modules/.cache, not committed). */
function crdModels() {
  const files = readdirSync(crdDir).filter((file) => file.endsWith('.yaml')).sort().map((file) => join(crdDir, file));
  const hash = createHash('sha256');
  for (const file of files) hash.update(readFileSync(file));
  const dir = join(root, 'node_modules/.cache/oms-k8s-models', hash.digest('hex').slice(0, 16));
  if (!existsSync(join(dir, 'package.json'))) {
    execFileSync(process.execPath, [join(root, 'node_modules/@kubernetes-models/crd-generate/bin/crd-generate.js'), '--input', ...files, '--output', dir], { stdio: 'ignore' });
    writeFileSync(join(dir, 'package.json'), '{ "type": "module" }\n');
  }
  const kinds = new Map();
  for (const file of files) {
    for (const doc of parseAllDocuments(readFileSync(file, 'utf8')).map((d) => d.toJS())) {
      for (const version of doc.spec.versions) kinds.set(`${doc.spec.group}/${version.name}/${doc.spec.names.kind}`, { group: doc.spec.group, version: version.name });
    }
  }
  return { dir, kinds };
}

/** Where an object's model lives: its schema module (runtime validation) and its TypeScript type. */
function modelOf({ apiVersion, kind }, crds) {
  const [group, version] = apiVersion.includes('/') ? apiVersion.split('/') : ['', apiVersion];
  if (crds.kinds.has(`${group}/${version}/${kind}`)) {
    return {
      schema: pathToFileURL(join(crds.dir, '_schemas', `${pascal(group)}${pascal(version)}${kind}.js`)).href,
      type: `./${group}/${version}/${kind}`,
      name: `I${kind}`,
    };
  }
  const coreGroup = group.replace(/\.k8s\.io$/, '') || 'core';
  return {
    schema: `kubernetes-models/_schemas/IoK8sApi${pascal(coreGroup)}${pascal(version)}${kind}`,
    type: `kubernetes-models/${group ? `${group}/` : ''}${version}/${kind}`,
    name: `I${kind}`,
  };
}

const label = (object) => `${object.kind}/${object.metadata?.name ?? '?'}`;

function render(target) {
  if (statSync(target).isDirectory()) return execFileSync('kubectl', ['kustomize', target], { encoding: 'utf8', maxBuffer: 64 << 20 });
  return readFileSync(target, 'utf8');
}

async function validateAll(objects, crds) {
  const problems = [];
  for (const object of objects) {
    const model = modelOf(object, crds);
    const { validate } = await import(model.schema).catch(() => ({}));
    if (!validate) {
      problems.push(`${label(object)}: no schema for ${object.apiVersion} ${object.kind} (vendor its CRD into k8s/crds)`);
      continue;
    }
    if (!validate(object)) {
      for (const error of validate.errors) problems.push(`${label(object)}: ${error.instancePath || '/'} ${error.message ?? error.keyword} ${JSON.stringify(error.params)}`);
    }
  }
  return problems;
}

/** Each object as a literal of its model's type: tsc's excess property check finds unknown fields at any depth. */
function typeCheck(objects, crds) {
  const imports = new Map();
  const body = [];
  const owners = [];
  for (const [index, object] of objects.entries()) {
    const model = modelOf(object, crds);
    if (!imports.has(model.type)) imports.set(model.type, `T${imports.size}`);
    const start = body.length + 1;
    body.push(...`export const o${index}: ${imports.get(model.type)}.${model.name} = ${JSON.stringify(object, null, 1)};`.split('\n'));
    owners.push({ start, end: body.length, label: label(object) });
  }
  const header = [...imports].map(([from, alias]) => `import type * as ${alias} from '${from}';`);
  writeFileSync(join(crds.dir, 'check.ts'), [...header, ...body].join('\n'));
  writeFileSync(join(crds.dir, 'tsconfig.json'), JSON.stringify({
    compilerOptions: { strict: true, noEmit: true, module: 'preserve', moduleResolution: 'bundler', target: 'es2022', skipLibCheck: true, types: [] },
    files: ['check.ts'],
  }));
  try {
    execFileSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', crds.dir, '--pretty', 'false'], { encoding: 'utf8', cwd: crds.dir });
    return [];
  } catch (error) {
    return String(error.stdout).split('\n').filter((output) => output.startsWith('check.ts(')).map((output) => {
      const [, row, message] = output.match(/^check\.ts\((\d+),\d+\): error TS\d+: (.*)$/) ?? [, 0, output];
      const line = Number(row) - header.length;
      const owner = owners.find((o) => line >= o.start && line <= o.end);
      return `${owner?.label ?? 'check.ts'}: ${message}`;
    });
  }
}

export async function checkManifests(targets) {
  const crds = crdModels();
  const objects = targets.flatMap((target) => parseAllDocuments(render(target)).map((doc) => doc.toJS()).filter(Boolean));
  return [...await validateAll(objects, crds), ...typeCheck(objects, crds)];
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const args = process.argv.slice(2);
  const json = args.includes('--json');
  const targets = args.filter((arg) => arg !== '--json').map((arg) => resolve(arg));
  const problems = await checkManifests(targets.length ? targets : ['k8s/overlays/dev', 'k8s/overlays/prod'].map((dir) => join(root, dir)));
  console.log(json ? JSON.stringify(problems) : problems.join('\n') || 'every object matches its schema');
  process.exit(problems.length ? 1 : 0);
}
