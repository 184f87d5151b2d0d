// Builds "Add an MS365 integration" from the settings: the config-flow client exists only in add-on
// mode (Core API through the Supervisor); the open-flow ids are kept in the data folder.
import { ConfigFlowApi } from '../../ha/config-flow.js';
import type { Logger } from '../../log.js';
import type { Settings } from '../../settings/schema.js';
import type { Store } from '../../store/store.js';
import { FlowRegistry } from './flow-registry.js';
import { Ms365Flows } from './flows.js';

export function createMs365Flows(input: { settings: Settings; store: Store; log: Logger; now: () => Date; homeAssistant: boolean }): Ms365Flows {
  const { settings } = input;
  const configFlow =
    input.homeAssistant && settings.supervisorToken
      ? new ConfigFlowApi({ baseUrl: settings.supervisorUrl, token: settings.supervisorToken, timeoutMs: settings.haTimeoutMs })
      : null;
  return new Ms365Flows({
    configFlow,
    store: input.store,
    haConfigDir: settings.haConfigDir,
    endpointOverride: settings.endpointOverride,
    log: input.log.child({ component: 'ms365-flows' }),
    registry: new FlowRegistry({ now: () => input.now().getTime(), dataDir: settings.dataDir }),
  });
}
