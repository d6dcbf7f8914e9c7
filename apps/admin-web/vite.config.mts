import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

// The back office and the customer's pages, built into static files the gateway serves under /admin.
// `npm run web:dev` serves them with hot reload and proxies /api to a gateway on :3000.
export default defineConfig({
  root: here('.'),
  base: '/admin/',
  plugins: [react()],
  resolve: {
    // the forms validate with the very class-validator DTOs the API validates with
    alias: { '@contracts': here('../../libs/contracts/src') },
  },
  build: {
    outDir: here('../../dist/apps/admin-web'),
    emptyOutDir: true,
    sourcemap: true,
    reportCompressedSize: true,
    // on-demand chunks: the forms' validation (class-validator), and GraphiQL's editor (Monaco, about
    // 2.8 MB) which only GET /graphql loads; `node tools/build.mjs` prints the first-load size
    chunkSizeWarningLimit: 3000,
    rolldownOptions: {
      // React Compiler's "use no memo" directives in GraphiQL's modules are meaningless once bundled
      onwarn: (warning, warn) => (warning.code === 'MODULE_LEVEL_DIRECTIVE' ? undefined : warn(warning)),
    },
  },
  server: { port: 5173, proxy: { '/api': 'http://localhost:3000' } },
});
