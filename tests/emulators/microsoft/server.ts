// startMicrosoftEmulator: one node:http server that plays the login hosts of all three clouds and
// Microsoft Graph, plus the in-process and /_emulator/* controls tests use to steer it.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { handleAuthorize } from './authorize.js';
import type { RequestContext } from './context.js';
import { handleControl, type EmulatorControls } from './control.js';
import { handleInstanceDiscovery, handleOpenIdConfiguration } from './discovery.js';
import { deliverTransportFault, queueFault, takeFault } from './faults.js';
import { handleGraph } from './graph.js';
import { sendHtml, sendJson, sendText } from './http.js';
import type { App, AppInput, FaultEndpoint, FaultSpec, User, UserInput } from './model.js';
import { nativeClientPage, signedOutPage } from './pages.js';
import { shortName } from './scopes.js';
import { handleConsentPost, handleSignInPost } from './sign-in.js';
import { EmulatorState, type EmulatorStats } from './state.js';
import { handleToken } from './token.js';

export interface MicrosoftEmulatorOptions {
  host?: string;
  port?: number;
  /** Milliseconds since the epoch; every expiry (codes, tokens, secrets) reads this clock. */
  now?: () => number;
}

export interface MicrosoftEmulator extends EmulatorControls {
  readonly origin: string;
  close(): Promise<void>;
  addUser(user: UserInput): User;
  registerApp(app: AppInput): App;
}

type Handler = (ctx: RequestContext, match: RegExpMatchArray, fault: FaultSpec | undefined) => Promise<void> | void;

interface Route {
  method: string;
  pattern: RegExp;
  /** Endpoint whose failNext queue this route consumes. */
  faults?: FaultEndpoint;
  handle: Handler;
}

const T = '([^/]+)';
const ROUTES: Route[] = [
  { method: 'GET', pattern: new RegExp(`^/${T}/oauth2/v2\\.0/authorize$`, 'i'), faults: 'authorize', handle: (c, m, f) => handleAuthorize(c, m[1]!, f) },
  { method: 'POST', pattern: new RegExp(`^/${T}/login$`, 'i'), handle: (c, m) => handleSignInPost(c, m[1]!) },
  { method: 'POST', pattern: new RegExp(`^/${T}/Consent/Set$`, 'i'), handle: (c) => handleConsentPost(c) },
  { method: 'POST', pattern: new RegExp(`^/${T}/oauth2/v2\\.0/token$`, 'i'), faults: 'token', handle: (c, m, f) => handleToken(c, m[1]!, f) },
  { method: 'GET', pattern: new RegExp(`^/${T}/oauth2/nativeclient$`, 'i'), handle: (c) => sendHtml(c.res, 200, nativeClientPage()) },
  { method: 'GET', pattern: new RegExp(`^/${T}/oauth2/v2\\.0/logout$`, 'i'), handle: (c) => sendHtml(c.res, 200, signedOutPage()) },
  { method: 'GET', pattern: /^\/common\/discovery\/instance$/i, handle: (c) => handleInstanceDiscovery(c) },
  { method: 'GET', pattern: new RegExp(`^/${T}/v2\\.0/\\.well-known/openid-configuration$`, 'i'), handle: (c, m) => handleOpenIdConfiguration(c, m[1]!) },
  { method: 'GET', pattern: new RegExp(`^/${T}/discovery/v2\\.0/keys$`, 'i'), handle: (c) => sendJson(c.res, 200, { keys: [] }) },
  { method: '*', pattern: /^\/(v1\.0|beta)\//i, faults: 'graph', handle: (c, _m, f) => handleGraph(c, f) },
];

export async function startMicrosoftEmulator(options: MicrosoftEmulatorOptions = {}): Promise<MicrosoftEmulator> {
  const state = new EmulatorState(options.now ?? Date.now);
  const hanging = new Set<ServerResponse>();
  const controls = createControls(state);
  const server = createServer((req, res) => {
    dispatch(state, controls, hanging, req, res).catch((error: unknown) => internalError(state, res, error));
  });
  await listen(server, options.host ?? '127.0.0.1', options.port ?? 0);
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return Object.assign(controls, {
    origin: `http://${host}:${address.port}`,
    close: () => close(server, hanging),
  });
}

function createControls(state: EmulatorState): Omit<MicrosoftEmulator, 'origin' | 'close'> {
  return {
    registerApp: (app) => state.registerApp(app),
    addUser: (user) => state.addUser(user),
    failNext: (fault) => queueFault(state, fault),
    withholdScopes: (scopes) => {
      state.withheld = scopes.map((s) => shortName(s).toLowerCase());
    },
    revokeRefreshTokens: (username) => state.revoke(username),
    revokeConsent: (scopes, username) => state.revokeConsent(scopes, username),
    setAccessTokenLifetime: (seconds, extendedSeconds) => {
      state.accessTokenLifetimeS = seconds;
      state.accessTokenExtendedLifetimeS = extendedSeconds ?? null;
    },
    reset: () => state.reset(),
    get stats(): EmulatorStats {
      return structuredClone(state.stats);
    },
  };
}

async function dispatch(state: EmulatorState, controls: EmulatorControls, hanging: Set<ServerResponse>, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://emulator.invalid');
  const ctx: RequestContext = { req, res, url, state, selfOrigin: `http://${req.headers.host ?? 'localhost'}` };
  if (url.pathname.startsWith('/_emulator/')) return handleControl(ctx, controls);
  const route = ROUTES.find((r) => (r.method === '*' || r.method === req.method) && r.pattern.test(url.pathname));
  const match = route && url.pathname.match(route.pattern);
  if (!route || !match) return sendText(res, 404, 'Not found');
  countRequest(state, route.faults);
  const fault = route.faults ? takeFault(state, route.faults) : undefined;
  if (fault && (await deliverTransportFault(fault, req, res, hanging))) return;
  await route.handle(ctx, match, fault);
}

function countRequest(state: EmulatorState, endpoint: FaultEndpoint | undefined): void {
  if (endpoint === 'authorize') state.stats.authorizeRequests += 1;
  if (endpoint === 'graph') state.stats.graphRequests += 1;
}

// The emulator prints nothing: a bug in it is recorded in stats and answered with a 500.
function internalError(state: EmulatorState, res: ServerResponse, error: unknown): void {
  state.stats.internalErrors.push(error instanceof Error ? error.stack ?? error.message : String(error));
  if (!res.headersSent) sendJson(res, 500, { error: 'server_error', error_description: 'Emulator internal error' });
  else res.destroy();
}

function listen(server: Server, host: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

function close(server: Server, hanging: Set<ServerResponse>): Promise<void> {
  for (const res of hanging) res.destroy();
  hanging.clear();
  return new Promise((resolve, reject) => {
    server.close((error) => (error ? reject(error) : resolve()));
    server.closeAllConnections();
  });
}
