// /_emulator/*: the test controls over HTTP, for a demo or browser test running in another process.
import type { RequestContext } from './context.js';
import { readJson, sendJson } from './http.js';
import type { App, AppInput, FaultSpec, UserInput } from './model.js';
import type { EmulatorStats } from './state.js';

export interface EmulatorControls {
  registerApp(app: AppInput): App;
  addUser(user: UserInput): unknown;
  failNext(fault: FaultSpec): void;
  withholdScopes(scopes: string[]): void;
  revokeRefreshTokens(username?: string): void;
  revokeConsent(scopes: string[], username?: string): void;
  setAccessTokenLifetime(seconds: number, extendedSeconds?: number): void;
  reset(): void;
  readonly stats: EmulatorStats;
}

type Action = (controls: EmulatorControls, body: Record<string, unknown>) => unknown;

const POST_ACTIONS: Record<string, Action> = {
  // Secret values never travel back; their ids are enough to tell them apart.
  apps: (c, b) => {
    const app = c.registerApp(b as unknown as AppInput);
    return { ...app, secrets: app.secrets.map((s) => ({ id: s.id, expiresAt: s.expiresAt })) };
  },
  users: (c, b) => c.addUser(b as unknown as UserInput),
  'fail-next': (c, b) => c.failNext(b as unknown as FaultSpec),
  'withhold-scopes': (c, b) => c.withholdScopes(Array.isArray(b.scopes) ? b.scopes.map(String) : []),
  'revoke-consent': (c, b) => c.revokeConsent(Array.isArray(b.scopes) ? b.scopes.map(String) : [], typeof b.username === 'string' ? b.username : undefined),
  revoke: (c, b) => c.revokeRefreshTokens(typeof b.username === 'string' ? b.username : undefined),
  'token-lifetime': (c, b) =>
    c.setAccessTokenLifetime(Number(b.seconds) > 0 ? Number(b.seconds) : 3599, Number(b.extended_seconds) > 0 ? Number(b.extended_seconds) : undefined),
  reset: (c) => c.reset(),
};

export async function handleControl(ctx: RequestContext, controls: EmulatorControls): Promise<void> {
  const name = ctx.url.pathname.slice('/_emulator/'.length);
  if (ctx.req.method === 'GET' && name === 'stats') return sendJson(ctx.res, 200, controls.stats);
  const action = ctx.req.method === 'POST' ? POST_ACTIONS[name] : undefined;
  if (!action) return sendJson(ctx.res, 404, { error: `no control ${ctx.req.method} /_emulator/${name}` });
  try {
    const body = await readJson(ctx.req);
    if (!body || typeof body !== 'object' || Array.isArray(body)) throw new Error('body must be a JSON object');
    const result = action(controls, body as Record<string, unknown>);
    sendJson(ctx.res, 200, result ?? { ok: true });
  } catch (error) {
    sendJson(ctx.res, 400, { error: error instanceof Error ? error.message : String(error) });
  }
}
