// Which peer addresses each listener accepts, by mode. The UI listener is reached only through HA
// ingress, so in add-on mode its one legitimate peer is the Supervisor's proxy.
import type { Settings } from './schema.js';

/** The Supervisor's address on the hassio bridge: the only peer ingress traffic comes from. */
export const SUPERVISOR_ADDRESS = '172.30.32.2';
/** The hassio bridge network every add-on and HA Core (172.30.32.1) share. */
export const HASSIO_NETWORK = '172.30.32.0/23';
export const LOOPBACK = ['127.0.0.0/8', '::1'] as const;

export type ConsumerApiAccess = 'addons' | 'network';

/** Addresses the UI listener accepts: the Supervisor in add-on mode, loopback standalone. */
export function uiAllowedSources(settings: Pick<Settings, 'mode' | 'uiAllowedSources'>): string[] {
  if (settings.uiAllowedSources) return settings.uiAllowedSources;
  return settings.mode === 'addon' ? [SUPERVISOR_ADDRESS] : [...LOOPBACK];
}

/**
 * Addresses the consumer listener accepts, or null for any. Add-on mode defaults to the add-on
 * network plus the container's own loopback (the Docker HEALTHCHECK runs there). Standalone mode
 * relies on the listen address (loopback by default).
 */
export function apiAllowedSources(settings: Pick<Settings, 'mode' | 'apiAllowedSources'>): string[] | null {
  if (settings.apiAllowedSources !== undefined) return settings.apiAllowedSources;
  return settings.mode === 'addon' ? sourcesForAccess('addons') : null;
}

export function sourcesForAccess(access: ConsumerApiAccess): string[] | null {
  return access === 'network' ? null : [HASSIO_NETWORK, ...LOOPBACK];
}

/** Parses `M365_*_ALLOWED_SOURCES`: a comma-separated list, or `any`. */
export function parseSourceList(value: string): string[] | null {
  if (value.trim().toLowerCase() === 'any') return null;
  return value
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);
}
