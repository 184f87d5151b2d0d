// The three ways a sign-in comes back, as the guide, the sign-in form and an MS365 entry's "sign in
// again" word them. Kept in one place so the promise each makes is the same everywhere.
import { html } from 'lit';
import type { RedirectMethod } from './api/types.js';

/** Same for every cloud: Entra allows plain http only for localhost (reply-url.md, "Supported schemes"). */
export const LOCALHOST_REDIRECT_URI = 'http://localhost';

/** Both paste-back methods end with the user pasting an address back; only the page differs. */
export const isPasteBack = (method: string): boolean => method === 'paste_back' || method === 'paste_back_localhost';

/** Why the localhost paste-back is the one to pick when the internet redirect is not set up: one sentence. */
export const LOCALHOST_REASON =
  'Microsoft never shows its “wrongplace” page on this address, Safari does not download an empty file instead, and nothing of your Home Assistant is exposed to the internet.';

/** The internet redirect is usable without further set-up (a public address, or Home Assistant's ready). */
export function internetRedirectReady(status: { internet_redirect_uri: string | null; home_assistant?: { internet_redirect?: { state: string } | null } | null }): boolean {
  return Boolean(status.internet_redirect_uri) || status.home_assistant?.internet_redirect?.state === 'ready';
}

/** The radio label's text for a paste-back method (the internet redirect's differs per view). */
export function pasteBackLabel(method: Exclude<RedirectMethod, 'internet_redirect'>, recommended: boolean) {
  return method === 'paste_back_localhost'
    ? html`<strong>Localhost paste-back${recommended ? ' (recommended)' : ''}</strong>: after signing in your browser shows “This site can’t be reached”
        for <span class="mono">http://localhost</span>; you copy that page’s whole address and paste it here. Needs <span class="mono">http://localhost</span> registered under Web.`
    : html`<strong>Paste-back</strong>: nothing is exposed to the internet; you copy one address from Microsoft’s blank page and paste it here.`;
}
