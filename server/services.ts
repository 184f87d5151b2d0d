// Wires the long-lived parts together once; the HTTP apps and tests receive this one deps object.
import { AlertMonitor } from './alerts/alert-monitor.js';
import { homeAssistantNotifier } from './alerts/notifier.js';
import { AuditLog } from './audit/audit-log.js';
import { TokenBroker } from './broker/token-broker.js';
import { TokenRead } from './consumers/token-read.js';
import { HomeAssistant } from './ha/home-assistant.js';
import { createMs365Integrations, type Ms365Integrations } from './ms365/create.js';
import { createMs365Flows } from './ms365/flows/create-flows.js';
import type { Ms365Flows } from './ms365/flows/flows.js';
import type { Logger } from './log.js';
import { createMsalFactory, type MsalFactory } from './oauth/msal-factory.js';
import { PendingSignIns } from './oauth/pending-sign-ins.js';
import type { SignInDeps } from './oauth/sign-in.js';
import { RefreshScheduler } from './scheduler/refresh-scheduler.js';
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
  /** The token read both token routes and the cached-token fast path go through, with its memo caches. */
  tokenRead: TokenRead;
  /** Refreshes ahead of expiry and weekly keep-alive; started and stopped by main.ts. */
  scheduler: RefreshScheduler;
  /** Account and secret conditions a person must act on: log, HA notification, /api/status. */
  alerts: AlertMonitor;
  /** Consumer API audit trail (JSON lines in the data folder). */
  audit: AuditLog;
  signIn: SignInDeps;
  /** Supervisor and Core API; null in standalone mode. */
  homeAssistant: HomeAssistant | null;
  /** The MS365 integrations' entries, their token files and keep-alive (issue 6). */
  ms365: Ms365Integrations;
  /** "Add an MS365 integration": HA's config flows driven by the add-on (issue 11). */
  ms365Flows: Ms365Flows;
}

export function createServices(input: { settings: Settings; store: Store; log: Logger; now?: () => Date }): Services {
  const { settings, store, log } = input;
  const now = input.now ?? (() => new Date());
  const endpoints = resolveEndpoints({ login: settings.endpointOverride, graph: settings.endpointOverride });
  const msal = createMsalFactory({ endpointOverride: settings.endpointOverride, log });
  const pending = new PendingSignIns(() => now().getTime());
  const homeAssistant = HomeAssistant.fromSettings({ settings, log: log.child({ component: 'home-assistant' }), now });
  const alerts = new AlertMonitor({ store, log: log.child({ component: 'alerts' }), now, notifier: homeAssistant ? homeAssistantNotifier(homeAssistant) : null });
  const broker = new TokenBroker({ store, msal, log: log.child({ component: 'broker' }), now, onMarksChanged: () => alerts.requestEvaluation() });
  const tokenRead = new TokenRead({ store, broker, now });
  const scheduler = new RefreshScheduler({ store, broker, log: log.child({ component: 'scheduler' }), now, afterTick: () => alerts.evaluate() });
  const audit = new AuditLog({ dir: settings.dataDir, now, log: log.child({ component: 'audit' }) });
  const signIn: SignInDeps = {
    store,
    pending,
    msal,
    endpoints,
    endpointOverride: settings.endpointOverride,
    // Add-on mode: HA's /local/ bounce page, once HA has an https address; else a public URL that reaches us.
    defaultInternetRedirectUri: () =>
      homeAssistant?.redirectUri() ?? (settings.publicUrl ? `${settings.publicUrl}/auth/callback` : undefined),
    log: log.child({ component: 'sign-in' }),
    now,
  };
  const ms365 = createMs365Integrations({ settings, store, log, now, signIn, broker, homeAssistant });
  const ms365Flows = createMs365Flows({ settings, store, log, now, homeAssistant });
  return { settings, store, log, now, endpoints, msal, pending, broker, tokenRead, scheduler, alerts, audit, signIn, homeAssistant, ms365, ms365Flows };
}
