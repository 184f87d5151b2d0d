// What the panel says about Home Assistant: each feature the add-on uses and what is lost without
// it, and each state of the internet redirect through HA. Pure: views and tests share it.
import type { AlertKind } from '../components/m365-alert.js';
import type { HaFeatureId, HomeAssistantView, InternetRedirectState } from '../api/types.js';

export const FEATURE_TEXTS: Record<HaFeatureId, { name: string; without: string }> = {
  addon_info: {
    name: 'The add-on’s own details',
    without: 'The host name other add-ons use for the consumer API is not known, and the internet redirect through Home Assistant waits for the add-on’s ingress address.',
  },
  ha_urls: {
    name: 'Home Assistant’s addresses',
    without: 'The redirect URI through Home Assistant cannot be built: sign in with paste-back, or set the add-on’s “public_url” option.',
  },
  admin_check: {
    name: 'Checking who is an administrator',
    without: 'Changes are refused until Home Assistant answers; you can still look around.',
  },
  notifications: {
    name: 'Home Assistant notifications',
    without: 'Alerts (an account that must sign in again, a client secret about to expire) show only in this panel and the add-on’s log.',
  },
  restart: {
    name: 'Restarting Home Assistant from this panel',
    without: 'Restart Home Assistant yourself (Settings → System → Restart) when this panel asks for it.',
  },
};

export interface UnavailableFeature {
  id: HaFeatureId;
  name: string;
  without: string;
  /** Why, in the service's words (never markup). */
  message: string | null;
}

/** The features Home Assistant did not provide at the last check; empty in standalone mode. */
export function unavailableFeatures(ha: HomeAssistantView | null | undefined): UnavailableFeature[] {
  if (!ha) return [];
  return (Object.keys(FEATURE_TEXTS) as HaFeatureId[])
    .filter((id) => ha.features[id]?.available === false)
    .map((id) => ({ id, ...FEATURE_TEXTS[id], message: ha.features[id]?.message ?? null }));
}

export const REDIRECT_STATES: Record<InternetRedirectState, { kind: AlertKind; heading: string }> = {
  ready: { kind: 'success', heading: 'Ready: Home Assistant serves the sign-in page' },
  needs_restart: { kind: 'warning', heading: 'Home Assistant must restart once' },
  restarting: { kind: 'info', heading: 'Home Assistant is restarting…' },
  no_public_url: { kind: 'warning', heading: 'No https public address: use paste-back' },
  disabled: { kind: 'info', heading: 'The internet redirect through Home Assistant is off' },
  unavailable: { kind: 'warning', heading: 'Home Assistant did not answer' },
  page_write_failed: { kind: 'error', heading: 'The sign-in page could not be written' },
  checking: { kind: 'info', heading: 'Checking Home Assistant…' },
};

/**
 * States that change by themselves soon, so the panel keeps asking (as the service does). HA is
 * unavailable for a while during its own restart, too.
 */
export const UNSETTLED_STATES: ReadonlySet<InternetRedirectState> = new Set(['checking', 'needs_restart', 'restarting', 'unavailable']);
