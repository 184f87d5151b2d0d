// Client authentication at the token endpoint: client_id must be registered and client_secret must
// be one of its secret Values (a Secret ID or a typo is AADSTS7000215; an expired one 7000222).
import type { ErrorContext } from './error-catalogue.js';
import type { App } from './model.js';
import type { EmulatorState } from './state.js';

export type ClientCheck = { ok: true; app: App } | { ok: false; code: number; context: ErrorContext };

export function authenticateClient(state: EmulatorState, form: URLSearchParams, tenant: string): ClientCheck {
  const clientId = form.get('client_id') ?? '';
  if (!clientId) return { ok: false, code: 900144, context: { param: 'client_id' } };
  const app = state.findApp(clientId);
  if (!app) return { ok: false, code: 700016, context: { clientId, tenant } };
  const context = { clientId: app.clientId };
  const secret = form.get('client_secret');
  if (!secret) return { ok: false, code: 7000218, context };
  const match = app.secrets.find((s) => s.value === secret);
  if (!match) return { ok: false, code: 7000215, context };
  if (match.expiresAt !== undefined && match.expiresAt <= state.now()) return { ok: false, code: 7000222, context };
  return { ok: true, app };
}
