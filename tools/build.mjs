// Compiles every app and lib to dist/ with swc (well under a second), rewriting the @oms/* path aliases
// of tsconfig.base.json into relative requires so that `node dist/apps/<app>/src/main.js` runs as is.
// Type checking is a separate step (`npm run typecheck`), run by `npm test`.
import { transformFile } from '@swc/core';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const outDir = join(root, 'dist');
const { compilerOptions } = JSON.parse(readFileSync(join(root, 'tsconfig.base.json'), 'utf8'));

const isSource = (file) => file.endsWith('.ts') && !file.endsWith('.spec.ts') && !file.endsWith('.d.ts');
const isTestFolder = (name) => name === 'test' || name === '__tests__';

function* walk(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!isTestFolder(entry.name)) yield* walk(full);
    } else yield full;
  }
}

const swcOptions = (filename) => ({
  filename,
  sourceMaps: true,
  module: { type: 'commonjs' },
  jsc: {
    target: 'es2022',
    baseUrl: root,
    paths: compilerOptions.paths,
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true },
    keepClassNames: true,
  },
});

rmSync(outDir, { recursive: true, force: true });
const jobs = [];
// test/fixtures: small programs the integration tests run as processes (a consumer that crashes on cue)
for (const top of ['apps', 'libs', 'test/fixtures'].filter((dir) => existsSync(join(root, dir)))) {
  for (const file of walk(join(root, top))) {
    const target = join(outDir, relative(root, file));
    mkdirSync(dirname(target), { recursive: true });
    if (isSource(file)) {
      jobs.push(
        transformFile(file, swcOptions(file)).then(({ code, map }) => {
          const js = target.replace(/\.ts$/, '.js');
          writeFileSync(js, `${code}\n//# sourceMappingURL=${js.split('/').pop()}.map\n`);
          if (map) writeFileSync(`${js}.map`, map);
        }),
      );
    } else if ((file.endsWith('.json') || file.endsWith('.hbs')) && file.includes('/src/')) {
      copyFileSync(file, target);
    }
  }
}
await Promise.all(jobs);
console.log(`built ${jobs.length} files into dist/`);

// The web app (apps/admin-web): Vite bundles it into dist/apps/admin-web, which the gateway serves.
if (!process.argv.includes('--no-web')) {
  const { build: viteBuild } = await import('vite');
  process.env.VITE_CONFIG_NATIVE_IGNORE_WARNING = 'true';
  await viteBuild({ configFile: join(root, 'apps/admin-web/vite.config.mts'), logLevel: 'warn' });
  const { gzipSync } = await import('node:zlib');
  const assets = join(outDir, 'apps/admin-web/assets');
  const sizes = readdirSync(assets).filter((f) => /\.(js|css)$/.test(f)).map((f) => {
    const bytes = readFileSync(join(assets, f));
    return { f, gzip: gzipSync(bytes).length };
  });
  const entryFile = readFileSync(join(outDir, 'apps/admin-web/index.html'), 'utf8').match(/assets\/(index-[^"]+\.js)/)[1];
  const kb = (bytes) => `${(bytes / 1024).toFixed(1)} kB`;
  const entry = sizes.find((s) => s.f === entryFile);
  const total = sizes.reduce((sum, s) => sum + s.gzip, 0);
  const largest = sizes.filter((s) => s !== entry).sort((a, b) => b.gzip - a.gzip)[0];
  console.log(`built the web app: first load ${kb(entry.gzip)} gzip (entry script), ${kb(total)} in all over ${sizes.length} files; largest on-demand chunk ${largest.f} ${kb(largest.gzip)}`);
}
