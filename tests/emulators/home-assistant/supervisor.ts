// The emulated Supervisor at http://supervisor: its envelope API ({"result","data"}) for
// /addons/self/info, the Core API proxy (/core/api/*, plain Core JSON) and the Core WebSocket proxy
// (/core/websocket), with the permission checks of supervisor/api/middleware/security.py and proxy.py.
// Faults: slow answers, a Supervisor that is down, a WebSocket that fails while REST works.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import type { HaCore } from './core.js';
import { acceptWebSocket, type ServerTextSocket } from './websocket-server.js';

export interface AddonGrants {
  /** config.yaml `homeassistant_api`: needed for /core/api/* and /core/websocket. */
  homeassistantApi: boolean;
  /** config.yaml `hassio_api` with `hassio_role`; null when `hassio_api` is off. */
  hassioRole: null | 'default' | 'homeassistant' | 'backup' | 'manager' | 'admin';
}

export interface AddonIdentity {
  slug: string;
  hostname: string;
  ingressToken: string;
  ipAddress: string;
  version: string;
}

export type SupervisorFault = { kind: 'slow'; delayMs: number } | { kind: 'down' } | { kind: 'websocket_down' } | null;

export interface SupervisorCall {
  method: string;
  path: string;
  status: number;
  /** Whether the request carried the add-on's token (the token itself is never recorded). */
  authorized: boolean;
}

export interface SupervisorEmulator {
  url: string;
  calls: SupervisorCall[];
  /** WebSocket commands received, by type. */
  commands: string[];
  setFault(fault: SupervisorFault): void;
  close(): Promise<void>;
}

export interface SupervisorOptions {
  core: HaCore;
  token: string;
  addon: AddonIdentity;
  grants?: Partial<AddonGrants>;
  host?: string;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function startSupervisorEmulator(options: SupervisorOptions): Promise<SupervisorEmulator> {
  const grants: AddonGrants = { homeassistantApi: true, hassioRole: null, ...options.grants };
  const calls: SupervisorCall[] = [];
  const commands: string[] = [];
  const sockets = new Set<Socket>();
  let fault: SupervisorFault = null;
  const ctx: Context = { options, grants, calls, commands };

  const server = createServer((req, res) => {
    void (async () => {
      if (fault?.kind === 'slow') await sleep(fault.delayMs);
      await handleHttp(ctx, req, res);
    })().catch(() => {
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    // A Supervisor that is down: the connection opens (Docker's bridge) and closes at once.
    if (fault?.kind === 'down') socket.destroy();
  });
  server.on('upgrade', (req, socket, head) => {
    void (async () => {
      if (fault?.kind === 'slow') await sleep(fault.delayMs);
      handleUpgrade(ctx, fault, req, socket, head);
    })();
  });
  await listen(server, options.host ?? '127.0.0.1');
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${options.host ?? '127.0.0.1'}:${port}`,
    calls,
    commands,
    setFault: (next) => {
      fault = next;
      // Down means down: kept-alive connections die too, not only new ones.
      if (next?.kind === 'down') for (const socket of sockets) socket.destroy();
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

interface Context {
  options: SupervisorOptions;
  grants: AddonGrants;
  calls: SupervisorCall[];
  commands: string[];
}

function tokenOf(req: IncomingMessage): string | undefined {
  const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
  const legacy = req.headers['x-supervisor-token'] ?? req.headers['x-hassio-key'];
  return bearer ?? (typeof legacy === 'string' ? legacy : undefined);
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

function sendText(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' });
  res.end(text);
}

async function readBody(req: IncomingMessage): Promise<Record<string, unknown>> {
  let text = '';
  for await (const chunk of req) text += chunk;
  if (!text) return {};
  const parsed = JSON.parse(text) as unknown;
  return parsed && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : {};
}

async function handleHttp(ctx: Context, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const path = (req.url ?? '/').split('?')[0] ?? '/';
  const authorized = tokenOf(req) === ctx.options.token;
  res.on('finish', () => ctx.calls.push({ method: req.method ?? 'GET', path, status: res.statusCode, authorized }));
  if (path === '/supervisor/ping') return sendJson(res, 200, { result: 'ok', data: {} });
  if (!authorized) return sendText(res, 401, '401: Unauthorized');
  if (path.startsWith('/core/api/') || path === '/core/api') return handleCoreApi(ctx, req, res, path.slice('/core/api'.length) || '/');
  if (req.method === 'GET' && path === '/addons/self/info') return sendJson(res, 200, { result: 'ok', data: selfInfo(ctx.options.addon) });
  if (req.method === 'GET' && path === '/info') return sendJson(res, 200, { result: 'ok', data: { hostname: 'homeassistant', arch: 'amd64', homeassistant: ctx.options.core.version } });
  if (req.method === 'POST' && path === '/core/restart') {
    // security.py: /core/* needs hassio_api with the homeassistant role (or a stronger one).
    if (!['homeassistant', 'manager', 'admin'].includes(ctx.grants.hassioRole ?? '')) return sendText(res, 403, '403: Forbidden');
    ctx.options.core.restart();
    return sendJson(res, 200, { result: 'ok', data: {} });
  }
  return sendJson(res, 404, { result: 'error', message: `${path} not found` });
}

function selfInfo(addon: AddonIdentity): Record<string, unknown> {
  return {
    name: 'Microsoft 365 Sign-in',
    slug: addon.slug,
    hostname: addon.hostname,
    dns: [`${addon.hostname}.local.hass.io`],
    ip_address: addon.ipAddress,
    version: addon.version,
    state: 'started',
    ingress: true,
    ingress_entry: `/api/hassio_ingress/${addon.ingressToken}`,
    ingress_url: `/api/hassio_ingress/${addon.ingressToken}/`,
    ingress_port: 8099,
    ingress_panel: true,
    options: {},
  };
}

async function handleCoreApi(ctx: Context, req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
  const core = ctx.options.core;
  if (!ctx.grants.homeassistantApi) return sendText(res, 401, '401: Unauthorized');
  if (!core.isUp) return sendText(res, 502, '502: Bad Gateway');
  if (req.method === 'GET' && path === '/') return sendJson(res, 200, { message: 'API running.' });
  if (req.method === 'GET' && path === '/config') {
    return sendJson(res, 200, {
      version: core.version,
      state: 'RUNNING',
      external_url: core.urls.external,
      internal_url: core.urls.internal,
      location_name: 'Home',
      time_zone: 'UTC',
    });
  }
  const body = req.method === 'POST' ? await readBody(req) : undefined;
  const service = /^\/services\/([a-z_]+)\/([a-z_]+)$/.exec(path);
  if (req.method === 'POST' && service) return callService(core, res, service[1]!, service[2]!, body ?? {});
  for (const route of core.apiRoutes) {
    const answer = await route(req.method ?? 'GET', path, body);
    if (answer?.text !== undefined) return sendText(res, answer.status, answer.text);
    if (answer) return sendJson(res, answer.status, answer.body);
  }
  return sendJson(res, 404, { message: 'Not found' });
}

function callService(core: HaCore, res: ServerResponse, domain: string, service: string, data: Record<string, unknown>): void {
  core.serviceCalls.push({ domain, service, data });
  if (domain === 'persistent_notification' && service === 'create') {
    const id = typeof data.notification_id === 'string' ? data.notification_id : `n${core.notifications.size + 1}`;
    core.notifications.set(id, { title: String(data.title ?? ''), message: String(data.message ?? '') });
    return sendJson(res, 200, []);
  }
  if (domain === 'persistent_notification' && service === 'dismiss') {
    core.notifications.delete(String(data.notification_id ?? ''));
    return sendJson(res, 200, []);
  }
  if (domain === 'homeassistant' && service === 'restart') {
    if (!core.configValid) {
      return sendJson(res, 400, { message: 'The system cannot restart because the configuration is not valid: Invalid config for [http]' });
    }
    sendJson(res, 200, []);
    core.restart();
    return;
  }
  return sendJson(res, 400, { message: `Service ${domain}.${service} not found.` });
}

function handleUpgrade(ctx: Context, fault: SupervisorFault, req: IncomingMessage, socket: Duplex, head: Buffer): void {
  const path = (req.url ?? '/').split('?')[0];
  const core = ctx.options.core;
  // proxy.py checks Core's API state before upgrading.
  if (path !== '/core/websocket' || fault?.kind === 'websocket_down' || !core.isUp) {
    socket.end(`HTTP/1.1 ${path === '/core/websocket' ? '502 Bad Gateway' : '404 Not Found'}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
    return;
  }
  const ws = acceptWebSocket(req, socket, head);
  if (!ws) return;
  ws.send(JSON.stringify({ type: 'auth_required', ha_version: core.version }));
  let authenticated = false;
  ws.onMessage((text) => {
    const message = JSON.parse(text) as { type?: string; id?: number; access_token?: string; api_password?: string };
    if (!authenticated) {
      const token = message.api_password ?? message.access_token;
      if (message.type !== 'auth' || token !== ctx.options.token || !ctx.grants.homeassistantApi) {
        ws.send(JSON.stringify({ type: 'auth_invalid', message: 'Invalid access' }));
        ws.close();
        return;
      }
      authenticated = true;
      ws.send(JSON.stringify({ type: 'auth_ok', ha_version: core.version }));
      return;
    }
    ctx.commands.push(message.type ?? '');
    ws.send(JSON.stringify(answerCommand(core, message)));
  });
}

function answerCommand(core: HaCore, message: { type?: string; id?: number }): Record<string, unknown> {
  const base = { id: message.id, type: 'result' };
  switch (message.type) {
    case 'network/url':
      return { ...base, success: true, result: { ...core.urls } };
    case 'config/auth/list':
      return { ...base, success: true, result: core.users };
    default:
      if (message.type?.startsWith('supervisor/') || message.type?.startsWith('hassio/')) {
        return { ...base, success: false, error: { code: 'unauthorized', message: 'Unauthorized' } };
      }
      return { ...base, success: false, error: { code: 'unknown_command', message: 'Unknown command.' } };
  }
}

function listen(server: Server, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

export type { ServerTextSocket };
