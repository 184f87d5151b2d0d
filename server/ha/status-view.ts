// What the add-on knows about Home Assistant, as the UI API shows it (snake_case wire shape).
// http/contract re-exports these types; this module only describes them.
import type { HaFailureReason } from './ha-error.js';
import type { PublicUrlSource } from './public-url.js';

/** What the UI can hide or explain when it is missing. */
export const HA_FEATURES = ['addon_info', 'ha_urls', 'admin_check', 'notifications', 'restart'] as const;
export type HaFeatureId = (typeof HA_FEATURES)[number];

export interface HaFeatureView {
  /** null: not tried yet. */
  available: boolean | null;
  reason?: HaFailureReason;
  /** A sentence for people: what failed, never a token or a response body. */
  message?: string;
}

export type InternetRedirectState =
  | 'checking'
  | 'ready'
  | 'needs_restart'
  | 'restarting'
  | 'no_public_url'
  | 'disabled'
  | 'unavailable'
  | 'page_write_failed';

export interface InternetRedirectView {
  state: InternetRedirectState;
  /** What to register under Authentication → Web; known as soon as HA has an https address. */
  redirect_uri: string | null;
  public_url_source: PublicUrlSource | null;
  /** Where the page lives inside HA's config folder, e.g. `www/ms365_signin/callback.html`. */
  page_path: string | null;
  message: string;
  fix: string | null;
  /** Offer the "Restart Home Assistant" button (admins only; it needs the Core API). */
  can_restart: boolean;
}

export interface HomeAssistantView {
  /** The host name other add-ons use for this add-on, e.g. `1a2b3c4d-ms365-signin`. */
  hostname: string | null;
  slug: string | null;
  /** `http://<hostname>:<port>`: the consumer API's address for other add-ons. */
  consumer_api_url: string | null;
  ingress_path: string | null;
  urls: { internal: string | null; external: string | null; cloud: string | null } | null;
  features: Record<HaFeatureId, HaFeatureView>;
  internet_redirect: InternetRedirectView;
  checked_at: string | null;
}
