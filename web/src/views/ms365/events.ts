// The MS365 page's own events, typed on HTMLElementEventMap beside the app's (web/src/events.ts).
export interface Ms365EventDetails {
  'm365-entry-sign-in-requested': { entryId: string };
  'm365-entry-keep-alive-changed': { entryId: string; enabled: boolean; afterDays: number };
  'm365-entry-refresh-requested': { entryId: string };
  'm365-entry-signed-in': { entryId: string };
  'm365-entry-sign-in-closed': { entryId: string };
}

declare global {
  interface HTMLElementEventMap {
    'm365-entry-sign-in-requested': CustomEvent<Ms365EventDetails['m365-entry-sign-in-requested']>;
    'm365-entry-keep-alive-changed': CustomEvent<Ms365EventDetails['m365-entry-keep-alive-changed']>;
    'm365-entry-refresh-requested': CustomEvent<Ms365EventDetails['m365-entry-refresh-requested']>;
    'm365-entry-signed-in': CustomEvent<Ms365EventDetails['m365-entry-signed-in']>;
    'm365-entry-sign-in-closed': CustomEvent<Ms365EventDetails['m365-entry-sign-in-closed']>;
  }
}

/** Fires a bubbling, composed event so it crosses shadow roots up to the view. */
export function fireMs365<K extends keyof Ms365EventDetails>(target: EventTarget, name: K, detail: Ms365EventDetails[K]): void {
  target.dispatchEvent(new CustomEvent(name, { detail, bubbles: true, composed: true }));
}
