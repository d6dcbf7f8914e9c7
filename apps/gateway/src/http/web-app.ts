import express, { Router } from 'express';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** The app's pages: the staff back office, and the customer's order page and order history. */
const WEB_APP_ROUTES = ['/admin', '/admin/*rest', '/orders/status', '/account/orders'];

/** Scripts and styles only from here, API calls only to here, never framed (the bundle has no inline script). */
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'", "script-src 'self'", "style-src 'self'", "img-src 'self' data: blob:", "connect-src 'self'",
  "frame-ancestors 'none'", "base-uri 'self'", "form-action 'self'", "object-src 'none'",
].join('; ');

/**
 * Serves the built web app (`vite build` into `dir`): hashed assets cached for a year under
 * `/admin/assets`, and `index.html` for every page route so that the browser's router takes over. Does
 * nothing when the app was not built (an API-only deployment).
 */
export function webApp(dir: string): Router | null {
  const root = resolve(dir);
  const indexFile = join(root, 'index.html');
  if (!existsSync(indexFile)) return null;
  const router = Router();
  router.use('/admin/assets', express.static(join(root, 'assets'), { immutable: true, maxAge: '365d', index: false }));
  // an asset of another build is missing, not a page: 404 instead of index.html
  router.use('/admin/assets', (_request, response) => response.status(404).type('text').send('Not found'));
  router.get(WEB_APP_ROUTES, (_request, response) => {
    response
      .set({ 'Content-Security-Policy': CONTENT_SECURITY_POLICY, 'X-Content-Type-Options': 'nosniff', 'Referrer-Policy': 'no-referrer', 'Cache-Control': 'no-cache' })
      .type('html')
      .send(readFileSync(indexFile)); // read each time (a few hundred bytes, cached by the OS): a rebuild is served at once
  });
  router.get('/', (_request, response) => response.redirect('/admin'));
  return router;
}
