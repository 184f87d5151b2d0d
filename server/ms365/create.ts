// Builds the MS365 integrations feature from the service's settings: HA's config folder (mapped by
// the add-on, or M365_HA_CONFIG_DIR) and, in add-on mode only, the Core API through the Supervisor.
import type { TokenBroker } from '../broker/token-broker.js';
import { ConfigEntriesApi } from '../ha/config-entries.js';
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
  /** Whether the service talks to HA (add-on mode with the Supervisor's token). */
  homeAssistant: boolean;
}

export function createMs365Integrations(input: Ms365Input): Ms365Integrations {
  const { settings } = input;
  const configEntries =
    input.homeAssistant && settings.supervisorToken
      ? new ConfigEntriesApi({ baseUrl: settings.supervisorUrl, token: settings.supervisorToken, timeoutMs: settings.haTimeoutMs })
      : null;
  return new Ms365Integrations({
    store: input.store,
    now: input.now,
    log: input.log.child({ component: 'ms365' }),
    haConfigDir: settings.haConfigDir,
    configEntries,
    haTimeoutMs: settings.haTimeoutMs,
    signIn: input.signIn,
    broker: input.broker,
  });
}
