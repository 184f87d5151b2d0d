// What the add-on knows about Home Assistant, and restarting HA so it serves the sign-in page.
import { request } from './client.js';
import type { HomeAssistantView } from './types.js';

/** `fresh` makes the service ask Home Assistant again now instead of answering from its snapshot. */
export const fetchHomeAssistant = (options: { fresh?: boolean; signal?: AbortSignal } = {}) =>
  request<HomeAssistantView>(options.fresh ? 'api/home-assistant?fresh=1' : 'api/home-assistant', { signal: options.signal });

export const restartHomeAssistant = () => request<{ restart: 'requested' }>('api/home-assistant/restart', { method: 'POST' });
