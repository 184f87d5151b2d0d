// The app's custom events, typed on HTMLElementEventMap, and the one helper that fires them.
import type { PermissionPicks } from '../../server/permissions/ms365-permissions.js';
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
  'm365-sign-in-again-requested': { accountId: string };
  'm365-remove-requested': { accountId: string };
  'm365-consumer-submitted': { name: string; accountIds: string[]; scopes: string[] };
  'm365-revoke-requested': { consumerId: string };
  /** The internet redirect through Home Assistant changed state (a restart finished, a URL was set). */
  'm365-redirect-changed': { redirect: InternetRedirectView };
  'm365-secret-replaced': { appId: string; secret: string; expiresOn: string };
}

declare global {
  interface HTMLElementEventMap {
    'm365-announced': CustomEvent<M365EventDetails['m365-announced']>;
    'm365-changed': CustomEvent<M365EventDetails['m365-changed']>;
    'm365-step-toggled': CustomEvent<M365EventDetails['m365-step-toggled']>;
    'm365-step-done-changed': CustomEvent<M365EventDetails['m365-step-done-changed']>;
    'm365-picks-changed': CustomEvent<M365EventDetails['m365-picks-changed']>;
    'm365-url-submitted': CustomEvent<M365EventDetails['m365-url-submitted']>;
    'm365-sign-in-again-requested': CustomEvent<M365EventDetails['m365-sign-in-again-requested']>;
    'm365-remove-requested': CustomEvent<M365EventDetails['m365-remove-requested']>;
    'm365-consumer-submitted': CustomEvent<M365EventDetails['m365-consumer-submitted']>;
    'm365-revoke-requested': CustomEvent<M365EventDetails['m365-revoke-requested']>;
    'm365-redirect-changed': CustomEvent<M365EventDetails['m365-redirect-changed']>;
    'm365-secret-replaced': CustomEvent<M365EventDetails['m365-secret-replaced']>;
  }
}

/** Fires a bubbling, composed event so it crosses shadow roots up to the shell. */
export function fire<K extends keyof M365EventDetails>(target: EventTarget, name: K, detail: M365EventDetails[K]): void {
  target.dispatchEvent(new CustomEvent(name, { detail, bubbles: true, composed: true }));
}
