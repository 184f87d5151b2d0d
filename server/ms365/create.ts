// Builds the MS365 integrations feature from the service's settings: HA's config folder (mapped by
// the add-on, or M365_HA_CONFIG_DIR) and, in add-on mode only, HA's config entries (ha/ owns them).
import type { TokenBroker } from '../broker/token-broker.js';
import type { HomeAssistant } from '../ha/home-assistant.js';
import type { Logger } from '../log.js';
import type { SignInDeps } from '../oauth/sign-in.js';
import type { Settings } from '../settings/schema.js';
import type { Store } from '../store/store.js';
import { Ms365Integrations } from './integrations.js';

export { Ms365Integrations } from './integrations.js';

export interface Ms365Input {
  settings: Settings;
  store: Store;
  log: Logger;
  now: () => Date;
  signIn: SignInDeps;
  broker: TokenBroker;
  /** Null in standalone mode (no Supervisor to ask). */
  homeAssistant: HomeAssistant | null;
}

export function createMs365Integrations(input: Ms365Input): Ms365Integrations {
  const { settings } = input;
  return new Ms365Integrations({
    store: input.store,
    now: input.now,
    log: input.log.child({ component: 'ms365' }),
    haConfigDir: settings.haConfigDir,
    configEntries: input.homeAssistant?.configEntries ?? null,
    haTimeoutMs: settings.haTimeoutMs,
    signIn: input.signIn,
    broker: input.broker,
  });
}
