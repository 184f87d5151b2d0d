// The app's custom events, typed on HTMLElementEventMap, and the one helper that fires them.
import type { PermissionPicks } from '../../shared/ms365-permissions.js';
import type { InternetRedirectView } from './api/types.js';

export interface M365EventDetails {
  /** Something the user should hear about (copied, saved, removed): the shell reads it out. */
  'm365-announced': { message: string };
  /** Data changed on the server; the shell refreshes its counts. */
  'm365-changed': { what: 'app_registrations' | 'accounts' | 'consumers' };
  'm365-step-toggled': { step: string; open: boolean };
  'm365-step-done-changed': { step: string; done: boolean };
  'm365-picks-changed': { picks: PermissionPicks; customScopes: string };
  'm365-url-submitted': { url: string };
  /** A spent sign-in (failed, expired, used): start a new one. */
  'm365-sign-in-restart': Record<string, never>;
  'm365-sign-in-again-requested': { accountId: string };
  'm365-remove-requested': { accountId: string };
  'm365-consumer-submitted': { name: string; accountIds: string[]; scopes: string[]; rateLimitPerMinute: number };
  'm365-revoke-requested': { consumerId: string };
  /** The internet redirect through Home Assistant changed state (a restart finished, a URL was set). */
  'm365-redirect-changed': { redirect: InternetRedirectView };
  'm365-secret-replaced': { appId: string; secret: string; expiresOn: string };
  'm365-app-renamed': { appId: string; name: string };
  'm365-app-delete-requested': { appId: string };
  // The MS365 integrations page.
  'm365-entry-sign-in-requested': { entryId: string };
  'm365-entry-keep-alive-changed': { entryId: string; enabled: boolean; afterDays: number };
  'm365-entry-refresh-requested': { entryId: string };
  'm365-entry-signed-in': { entryId: string };
  'm365-entry-sign-in-closed': { entryId: string };
  // "Add an MS365 integration" (HA's config flow, driven by the add-on).
  'm365-entry-reconfigure-requested': { entryId: string };
  'm365-integration-added': { entryId: string };
  'm365-add-integration-closed': Record<string, never>;
}

/** Derived from the details, so an event added above is typed on every element at once. */
type M365EventMap = { [K in keyof M365EventDetails]: CustomEvent<M365EventDetails[K]> };

declare global {
  // Merges the derived map into the DOM's own, so addEventListener knows each detail type.
  interface HTMLElementEventMap extends M365EventMap {}
}

/** Fires a bubbling, composed event so it crosses shadow roots up to the shell. */
export function fire<K extends keyof M365EventDetails>(target: EventTarget, name: K, detail: M365EventDetails[K]): void {
  target.dispatchEvent(new CustomEvent(name, { detail, bubbles: true, composed: true }));
}
