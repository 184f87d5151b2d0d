// Sends the authorize outcome back to the client's redirect URI in the requested response mode.
// A Microsoft nativeclient URI lands on the emulator's own blank page, since it plays that host.
import type { ServerResponse } from 'node:http';
import { isNativeClientUrl } from './clouds.js';
import { sendHtml, sendRedirect } from './http.js';
import { msUrlEncode } from './ids.js';
import type { AuthorizeParams } from './model.js';
import { formPostPage } from './pages.js';

/**
 * Registered URIs match exactly, except that a localhost port is ignored (reference §4.10; Microsoft's
 * reply-url.md, "Localhost exceptions": `http://localhost/MyApp` and `http://localhost:5000/MyApp` are
 * equivalent). Each app has its own list, so http://localhost works only for an app that lists it.
 */
export function redirectUriMatches(registered: string, sent: string): boolean {
  if (registered === sent) return true;
  try {
    const a = new URL(registered);
    const b = new URL(sent);
    return a.protocol === 'http:' && a.hostname === 'localhost' && b.protocol === 'http:' && b.hostname === 'localhost'
      && a.pathname === b.pathname && a.search === b.search;
  } catch {
    return false;
  }
}

/** Where the browser really goes; `selfOrigin` is the emulator as the browser reached it. */
export function landingUrl(redirectUri: string, selfOrigin: string): URL {
  const url = new URL(redirectUri);
  return isNativeClientUrl(redirectUri) ? new URL(url.pathname, selfOrigin) : url;
}

export function sendToClient(res: ServerResponse, params: AuthorizeParams, fields: Array<[string, string]>, selfOrigin: string): void {
  // Entra's order: code, client_info, state, session_state; errors end with state.
  const all: Array<[string, string]> = fields.filter(([k]) => k !== 'session_state');
  if (params.state !== undefined) all.push(['state', params.state]);
  all.push(...fields.filter(([k]) => k === 'session_state'));
  const target = landingUrl(params.redirectUri, selfOrigin);
  if (params.responseMode === 'form_post') {
    sendHtml(res, 200, formPostPage(target.href, all));
    return;
  }
  const encoded = all.map(([k, v]) => `${k}=${msUrlEncode(v)}`).join('&');
  // A path-less URI comes back with a trailing slash, as URL serialisation does (reference §4.2).
  const base = `${target.origin}${target.pathname}`;
  if (params.responseMode === 'fragment') sendRedirect(res, `${base}${target.search}#${encoded}`);
  else sendRedirect(res, `${base}${target.search ? `${target.search}&` : '?'}${encoded}`);
}
