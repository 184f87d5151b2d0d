// Cross-site request forgery on the UI listener. A page on another site can make a browser send a
// "simple" request (a form post, or fetch without preflight) with Content-Type text/plain,
// multipart/form-data or application/x-www-form-urlencoded, or none at all with no body; with the
// browser's cookies (HA's ingress session, for one) it reaches the changing routes. So every
// changing request must carry JSON (which a cross-site page can send only after a CORS preflight
// this listener never grants) or no body and no Content-Type at all, and a browser that says the
// request comes from another site (Sec-Fetch-Site) is refused outright.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../../errors/app-error.js';

const CHANGING_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
/** What browsers send (Fetch Metadata): `same-origin` and `none` (typed or bookmarked) are ours. */
const FOREIGN_SITES = new Set(['cross-site', 'same-site']);

/** `application/json`, with parameters (`; charset=utf-8`) or not; `+json` types are not the panel's. */
export function isJsonContentType(value: string): boolean {
  return /^application\/json\s*(;|$)/i.test(value.trim());
}

function hasBody(request: FastifyRequest): boolean {
  const length = request.headers['content-length'];
  return request.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
}

const NOT_JSON = () =>
  new AppError('unsupported_media_type', {
    message: 'Changes accept a JSON body (Content-Type: application/json), or no body and no Content-Type.',
    fix: 'Send the body as JSON; so that another web site cannot make your browser send a change, nothing else is read.',
  });

export function installChangeGuard(app: FastifyInstance): void {
  // Fastify parses text/plain by default; this listener takes JSON only.
  app.removeContentTypeParser('text/plain');
  app.addHook('onRequest', (request, _reply, done) => {
    if (!CHANGING_METHODS.has(request.method)) return done();
    const site = request.headers['sec-fetch-site'];
    if (typeof site === 'string' && FOREIGN_SITES.has(site.toLowerCase())) return done(new AppError('cross_site_request'));
    const type = request.headers['content-type'];
    // A body-less request without Content-Type is what the panel sends for a plain action.
    if (type === undefined ? hasBody(request) : !isJsonContentType(type)) return done(NOT_JSON());
    done();
  });
}
