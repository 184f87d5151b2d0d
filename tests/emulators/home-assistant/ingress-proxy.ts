// Home Assistant's ingress as a browser meets it: an HA page on its own site that frames the add-on
// at /api/hassio_ingress/<token>/, and a reverse proxy that strips that prefix, adds the ingress
// headers and, like the Supervisor, answers 401 without the SameSite=Strict `ingress_session` cookie.
import { randomBytes } from 'node:crypto';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface IngressUser {
  id: string;
  name: string;
  displayName: string;
  /** Not sent as a header (HA never does); kept for the Core API emulator to answer admin lookups. */
  isAdmin: boolean;
}

export const DEFAULT_ADMIN: IngressUser = { id: 'b1e0c6a2d7f94e3a8c5b2d1f0e9a8b7c', name: 'admin', displayName: 'Alex Admin', isAdmin: true };
export const DEFAULT_NON_ADMIN: IngressUser = { id: '4d2c9e7a1b3f46a8b0c5d6e7f8091a2b', name: 'kid', displayName: 'Kim Kid', isAdmin: false };

/** Tried before the proxy's own routes; return true when the request was answered. */
export type ExtraHandler = (req: IncomingMessage, res: ServerResponse) => boolean | Promise<boolean>;

export interface IngressProxyOptions {
  /** The add-on's UI listener, e.g. http://127.0.0.3:8099. */
  target: string;
  host?: string;
  port?: number;
  /** Who the HA frontend is signed in as; null opens sessions without a user (no X-Remote-User-*). */
  user?: IngressUser | null;
  token?: string;
  panelTitle?: string;
  /** Session life; the Supervisor's is 15 minutes, extended on every use. */
  sessionTtlMs?: number;
  handlers?: ExtraHandler[];
}

export interface ProxiedRequest {
  method: string;
  path: string;
  status: number;
  location?: string;
  setCookie?: string[];
}

export interface IngressProxy {
  origin: string;
  token: string;
  /** `/api/hassio_ingress/<token>`, without a trailing slash, as in X-Ingress-Path. */
  ingressPath: string;
  /** The HA page that frames the add-on (it also starts the ingress session). */
  panelUrl: string;
  /** Every request that reached the ingress path, with what the add-on answered. */
  requests: ProxiedRequest[];
  setUser(user: IngressUser | null): void;
  /** Forgets every session, as when the 15 minutes run out. */
  expireSessions(): void;
  close(): Promise<void>;
}

export const SESSION_COOKIE = 'ingress_session';
const PANEL_PATH = '/hassio/ingress/m365_signin';
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'proxy-authenticate', 'proxy-authorization', 'te', 'trailer', 'transfer-encoding', 'upgrade', 'host']);
// The Supervisor strips what a browser must not be able to forge, then sets its own values.
const STRIPPED = /^(x-remote-user-|x-ingress-path$|x-hass-source$|x-supervisor-token$|x-hassio-key$)/i;

export async function startIngressProxy(options: IngressProxyOptions): Promise<IngressProxy> {
  const token = options.token ?? randomBytes(32).toString('base64url');
  const ingressPath = `/api/hassio_ingress/${token}`;
  const ttlMs = options.sessionTtlMs ?? 15 * 60 * 1000;
  const sessions = new Map<string, number>();
  const requests: ProxiedRequest[] = [];
  let user = options.user === undefined ? DEFAULT_ADMIN : options.user;
  const target = new URL(options.target);

  const hasSession = (req: IncomingMessage): boolean => {
    const id = readCookie(req.headers.cookie, SESSION_COOKIE);
    const expires = id ? sessions.get(id) : undefined;
    if (!id || expires === undefined || expires < Date.now()) return false;
    sessions.set(id, Date.now() + ttlMs);
    return true;
  };

  const servePanel = (res: ServerResponse): void => {
    const id = randomBytes(32).toString('hex');
    sessions.set(id, Date.now() + ttlMs);
    const html = renderPanelPage({ title: options.panelTitle ?? 'Microsoft 365', frameSrc: `${ingressPath}/`, userName: user?.displayName ?? 'Guest' });
    res.writeHead(200, {
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'no-store',
      // As the HA frontend sets it (src/data/hassio/ingress.ts): path-scoped and SameSite=Strict.
      'set-cookie': `${SESSION_COOKIE}=${id}; Path=/api/hassio_ingress/; SameSite=Strict`,
    });
    res.end(html);
  };

  const proxy = (req: IncomingMessage, res: ServerResponse, rest: string): void => {
    const headers: Record<string, string | string[]> = {};
    for (const [name, value] of Object.entries(req.headers)) {
      if (value === undefined || HOP_BY_HOP.has(name) || STRIPPED.test(name)) continue;
      headers[name] = value;
    }
    Object.assign(headers, {
      // The browser's own Host (HA's address as the user typed it), not the add-on's IP:port: HA Core
      // (homeassistant/components/hassio/ingress.py, _init_header: INIT_HEADERS_FILTER has no Host)
      // and the Supervisor (supervisor/api/ingress.py, _init_header copies every header but a few, Host
      // not among them, then requests http://<add-on IP>:<ingress port>/<path>) both pass it on, and
      // aiohttp keeps an explicit Host header.
      host: req.headers.host ?? target.host,
      'x-ingress-path': ingressPath,
      'x-hass-source': 'core.ingress',
      'x-forwarded-for': [req.headers['x-forwarded-for'], req.socket.remoteAddress].filter(Boolean).join(', '),
      'x-forwarded-host': req.headers.host ?? '',
      'x-forwarded-proto': 'http',
    });
    if (user) Object.assign(headers, { 'x-remote-user-id': user.id, 'x-remote-user-name': user.name, 'x-remote-user-display-name': user.displayName });
    const upstream = http.request({ host: target.hostname, port: target.port, method: req.method, path: rest, headers }, (answer) => {
      const out: Record<string, string | string[]> = {};
      for (const [name, value] of Object.entries(answer.headers)) if (value !== undefined && !HOP_BY_HOP.has(name)) out[name] = value;
      requests.push({
        method: req.method ?? 'GET', path: rest.split('?')[0] ?? rest, status: answer.statusCode ?? 502,
        ...(answer.headers.location ? { location: answer.headers.location } : {}),
        ...(answer.headers['set-cookie'] ? { setCookie: answer.headers['set-cookie'] } : {}),
      });
      // Redirects go back to the browser unchanged, as with the Supervisor's allow_redirects=False.
      res.writeHead(answer.statusCode ?? 502, out);
      answer.pipe(res);
    });
    upstream.on('error', () => {
      if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' });
      res.end('502: Bad Gateway');
    });
    req.pipe(upstream);
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    for (const handler of options.handlers ?? []) if (await handler(req, res)) return;
    const url = req.url ?? '/';
    const pathname = url.split('?')[0] ?? '/';
    if (req.method === 'GET' && (pathname === '/' || pathname === PANEL_PATH)) return servePanel(res);
    if (pathname === ingressPath || pathname.startsWith(`${ingressPath}/`)) {
      if (!hasSession(req)) {
        res.writeHead(401, { 'content-type': 'text/plain; charset=utf-8' });
        res.end('401: Unauthorized');
        return;
      }
      const rest = url.slice(ingressPath.length) || '/';
      return proxy(req, res, rest.startsWith('/') ? rest : `/${rest}`);
    }
    res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
    res.end('404: Not Found');
  };

  const server = http.createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const address = server.address() as AddressInfo;
  const origin = `http://${options.host ?? '127.0.0.1'}:${address.port}`;
  return {
    origin,
    token,
    ingressPath,
    panelUrl: `${origin}${PANEL_PATH}`,
    requests,
    setUser: (next) => void (user = next),
    expireSessions: () => sessions.clear(),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function readCookie(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return value.join('=');
  }
  return undefined;
}

const escapeHtml = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export function renderPanelPage(input: { title: string; frameSrc: string; userName: string }): string {
  const title = escapeHtml(input.title);
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} – Home Assistant</title>
<style>
  html, body { margin: 0; height: 100%; font-family: Roboto, system-ui, sans-serif; background: #fafafa; color: #212121; }
  .layout { display: flex; height: 100%; }
  nav { width: 256px; flex: none; background: #fff; border-inline-end: 1px solid #e0e0e0; }
  nav h1 { font-size: 20px; font-weight: 400; margin: 0; padding: 16px; }
  nav p { margin: 0; padding: 8px 16px; color: #5c5c5c; }
  .main { flex: 1; min-width: 0; display: flex; flex-direction: column; }
  iframe { border: 0; flex: 1; width: 100%; display: block; }
  @media (max-width: 870px) { nav { display: none; } }
  @media (prefers-color-scheme: dark) { html, body, nav { background: #111; color: #e1e1e1; border-color: #333; } }
</style></head>
<body><div class="layout">
  <nav aria-label="Home Assistant sidebar"><h1>Home Assistant</h1><p>${title}</p><p>Signed in as ${escapeHtml(input.userName)}</p></nav>
  <div class="main"><iframe id="ingress-frame" title="${title}" src="${escapeHtml(input.frameSrc)}"></iframe></div>
</div></body></html>`;
}
