// Wires the long-lived parts together once; the HTTP apps and tests receive this one deps object.
import { TokenBroker } from './broker/token-broker.js';
import type { Logger } from './log.js';
import { createMsalFactory, type MsalFactory } from './oauth/msal-factory.js';
import { PendingSignIns } from './oauth/pending-sign-ins.js';
import type { SignInDeps } from './oauth/sign-in.js';
import { resolveEndpoints, type Endpoints } from './settings/clouds.js';
import type { Settings } from './settings/schema.js';
import type { Store } from './store/store.js';

export interface Services {
  settings: Settings;
  store: Store;
  log: Logger;
  now: () => Date;
  endpoints: Endpoints;
  msal: MsalFactory;
  pending: PendingSignIns;
  broker: TokenBroker;
  signIn: SignInDeps;
}

export function createServices(input: { settings: Settings; store: Store; log: Logger; now?: () => Date }): Services {
  const { settings, store, log } = input;
  const now = input.now ?? (() => new Date());
  const endpoints = resolveEndpoints({ login: settings.endpointOverride, graph: settings.endpointOverride });
  const msal = createMsalFactory({ endpointOverride: settings.endpointOverride, log });
  const pending = new PendingSignIns(() => now().getTime());
  const broker = new TokenBroker({ store, msal, log: log.child({ component: 'broker' }), now });
  const signIn: SignInDeps = {
    store,
    pending,
    msal,
    endpoints,
    endpointOverride: settings.endpointOverride,
    defaultInternetRedirectUri: () => (settings.publicUrl ? `${settings.publicUrl}/auth/callback` : undefined),
    log: log.child({ component: 'sign-in' }),
    now,
  };
  return { settings, store, log, now, endpoints, msal, pending, broker, signIn };
}
