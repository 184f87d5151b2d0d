// Security headers of the UI listener. The panel runs inside Home Assistant's same-origin iframe,
// so framing by 'self' stays allowed; scripts come only from our own files, never inline.
import type { FastifyInstance } from 'fastify';
import { CALLBACK_PAGE_CSP } from '../pages/callback-page.js';

/**
 * The app's policy. Lit styles go through constructable stylesheets (adoptedStyleSheets), which
 * style-src does not govern, so no 'unsafe-inline' is needed. No base-uri: the app uses none.
 */
export const APP_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "manifest-src 'self'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'self'",
].join('; ');

const CALLBACK_PATH = '/auth/callback';

export function installUiSecurity(app: FastifyInstance): void {
  app.addHook('onSend', async (request, reply) => {
    const isCallback = request.routeOptions.url === CALLBACK_PATH;
    void reply.header('content-security-policy', isCallback ? CALLBACK_PAGE_CSP : APP_CSP);
    void reply.header('x-content-type-options', 'nosniff');
    // SAMEORIGIN, not DENY: Home Assistant shows the panel in a same-origin iframe.
    void reply.header('x-frame-options', 'SAMEORIGIN');
    // The ingress address holds Home Assistant's ingress token; never send it to Microsoft or anyone.
    void reply.header('referrer-policy', 'no-referrer');
    void reply.header('cross-origin-resource-policy', 'same-origin');
  });
}

/** @fastify/static header hook: the files have stable names, so browsers must revalidate them. */
export function setStaticHeaders(res: { setHeader(name: string, value: string): unknown }): void {
  res.setHeader('cache-control', 'no-cache');
}
