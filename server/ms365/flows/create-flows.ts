// Builds "Add an MS365 integration" from the settings: the config-flow client exists only in add-on
// mode (ha/ owns it, on its Supervisor connection); the open-flow ids are kept in the data folder.
import type { HomeAssistant } from '../../ha/home-assistant.js';
import type { Logger } from '../../log.js';
import type { Settings } from '../../settings/schema.js';
import type { Store } from '../../store/store.js';
import { FlowRegistry } from './flow-registry.js';
import { Ms365Flows } from './flows.js';

export function createMs365Flows(input: { settings: Settings; store: Store; log: Logger; now: () => Date; homeAssistant: HomeAssistant | null }): Ms365Flows {
  const { settings } = input;
  return new Ms365Flows({
    configFlow: input.homeAssistant?.configFlows ?? null,
    store: input.store,
    haConfigDir: settings.haConfigDir,
    endpointOverride: settings.endpointOverride,
    log: input.log.child({ component: 'ms365-flows' }),
    registry: new FlowRegistry({ now: () => input.now().getTime(), dataDir: settings.dataDir }),
  });
}
