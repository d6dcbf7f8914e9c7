import express, { Request, Response, Router } from 'express';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** The app's pages: the staff back office, and the customer's order page and order history. */
const WEB_APP_ROUTES = ['/admin', '/admin/*rest', '/orders/status', '/account/orders'];

/** Scripts and styles only from here, API calls only to here, never framed (the bundle has no inline script). */
const POLICY = [
  "default-src 'self'", "script-src 'self'", "style-src 'self'", "img-src 'self' data: blob:", "connect-src 'self'",
  "frame-ancestors 'none'", "base-uri 'self'", "form-action 'self'", "object-src 'none'",
];
const CONTENT_SECURITY_POLICY = POLICY.join('; ');
/** GraphiQL's editor (Monaco) sets styles inline and runs its language services in workers. */
const EXPLORER_POLICY = [...POLICY.map((rule) => (rule.startsWith('style-src') ? "style-src 'self' 'unsafe-inline'" : rule)), "worker-src 'self' blob:", "font-src 'self' data:"].join('; ');

const SECURITY_HEADERS = { 'X-Content-Type-Options': 'nosniff', 'Referrer-Policy': 'no-referrer', 'Cache-Control': 'no-cache' };

/**
 * Serves the built web app (`vite build` into `dir`): hashed assets cached for a year under
 * `/admin/assets`, and `index.html` for every page route so that the browser's router takes over. Does
 * nothing when the app was not built (an API-only deployment). With `explorer`, a browser opening
 * GET /graphql gets GraphiQL (GraphQL clients asking for JSON go on to the endpoint).
 */
export function webApp(dir: string, { explorer }: { explorer: boolean }): Router | null {
  const root = resolve(dir);
  const indexFile = join(root, 'index.html');
  if (!existsSync(indexFile)) return null;
  const router = Router();
  router.use('/admin/assets', express.static(join(root, 'assets'), { immutable: true, maxAge: '365d', index: false }));
  // an asset of another build is missing, not a page: 404 instead of index.html
  router.use('/admin/assets', (_request, response) => response.status(404).type('text').send('Not found'));
  // read each time (a few hundred bytes, cached by the OS): a rebuild is served at once
  const page = (policy: string) => (_request: Request, response: Response) =>
    response.set({ 'Content-Security-Policy': policy, ...SECURITY_HEADERS }).type('html').send(readFileSync(indexFile));
  router.get(WEB_APP_ROUTES, page(CONTENT_SECURITY_POLICY));
  if (explorer) {
    const explorerPage = page(EXPLORER_POLICY);
    router.get('/graphql', (request, response, next) => (request.accepts(['application/json', 'text/html']) === 'text/html' ? explorerPage(request, response) : next()));
  }
  router.get('/', (_request, response) => response.redirect('/admin'));
  return router;
}
