// What the add-on knows about Home Assistant at one moment, in the domain's own words. The HTTP edge
// turns it into the wire shape (server/http/views/home-assistant.ts).
import type { HaFailureReason, HaFeatureId } from '../../shared/ha-features.js';
import type { InternetRedirectState, PublicUrlSource } from '../../shared/internet-redirect.js';

export { HA_FEATURES, type HaFeatureId } from '../../shared/ha-features.js';

export interface HaFeatureState {
  /** null: not tried yet. */
  available: boolean | null;
  reason?: HaFailureReason;
  /** A sentence for people: what failed, never a token or a response body. */
  message?: string;
}

export interface InternetRedirect {
  state: InternetRedirectState;
  /** What to register under Authentication → Web; known as soon as HA has an https address. */
  redirectUri: string | null;
  publicUrlSource: PublicUrlSource | null;
  /** Where the page lives inside HA's config folder, e.g. `www/ms365_signin/callback.html`. */
  pagePath: string | null;
  message: string;
  fix: string | null;
  /** Offer the "Restart Home Assistant" button (admins only; it needs the Core API). */
  canRestart: boolean;
}

export interface HaStatus {
  /** The host name other add-ons use for this add-on, e.g. `1a2b3c4d-ms365-signin`. */
  hostname: string | null;
  slug: string | null;
  /** `http://<hostname>:<port>`: the consumer API's address for other add-ons. */
  consumerApiUrl: string | null;
  ingressPath: string | null;
  urls: { internal: string | null; external: string | null; cloud: string | null } | null;
  features: Record<HaFeatureId, HaFeatureState>;
  internetRedirect: InternetRedirect;
  checkedAt: string | null;
}
