// Decides what the internet redirect through HA looks like right now: the redirect URI to register,
// and, when it cannot work yet, why and what to do. Pure: the caller gathers the facts.
import { BOUNCE_FOLDER, BOUNCE_PAGE, BOUNCE_URL_PATH } from './bounce-page.js';
import type { ProbeResult } from './local-probe.js';
import type { PublicUrlChoice } from './public-url.js';
import type { InternetRedirectState } from '../../shared/internet-redirect.js';
import type { InternetRedirect } from './ha-status.js';

const PASTE_BACK = 'Until then, sign in with paste-back: it always works.';
export const PAGE_PATH = `www/${BOUNCE_FOLDER}/${BOUNCE_PAGE}`;

export interface RedirectFacts {
  enabled: boolean;
  /** Why the add-on's own ingress address is unknown (Supervisor trouble), if it is. */
  selfInfoProblem: string | null;
  /** Why HA's URLs are unknown, if they are and no option replaces them. */
  urlsProblem: string | null;
  choice: PublicUrlChoice | null;
  /** The error code of a failed page write (EACCES, EROFS, …). */
  writeProblem: string | null;
  probe: ProbeResult;
  /** This add-on created `www`, and HA has not restarted since. */
  createdWww: boolean;
  restarting: boolean;
  restartAvailable: boolean;
}

function redirect(state: InternetRedirectState, facts: RedirectFacts, message: string, fix: string | null): InternetRedirect {
  // A URI that would land on no page must not be offered: only states that can (or soon will) work.
  const usable = state === 'ready' || state === 'needs_restart' || state === 'restarting';
  const choice = usable && facts.choice?.ok ? facts.choice : null;
  return {
    state,
    redirectUri: choice ? `${choice.origin}${BOUNCE_URL_PATH}` : null,
    publicUrlSource: choice?.source ?? null,
    pagePath: facts.enabled && !facts.writeProblem && !facts.selfInfoProblem ? PAGE_PATH : null,
    message,
    fix,
    canRestart: state === 'needs_restart' && facts.restartAvailable,
  };
}

export function checkingRedirect(): InternetRedirect {
  return {
    state: 'checking',
    redirectUri: null,
    publicUrlSource: null,
    pagePath: null,
    message: 'Asking Home Assistant for its addresses…',
    fix: null,
    canRestart: false,
  };
}

export function evaluateInternetRedirect(facts: RedirectFacts): InternetRedirect {
  if (!facts.enabled) {
    return redirect('disabled', facts, 'The internet redirect through Home Assistant is switched off in the add-on’s options.',
      `Turn on the “internet_redirect_page” option and restart the add-on. ${PASTE_BACK}`);
  }
  if (facts.selfInfoProblem) {
    return redirect('unavailable', facts, `The add-on could not learn its own ingress address from the Supervisor: ${facts.selfInfoProblem}`,
      `The add-on tries again by itself. ${PASTE_BACK}`);
  }
  if (facts.writeProblem) {
    return redirect('page_write_failed', facts, `The sign-in page could not be written to ${PAGE_PATH} in Home Assistant’s configuration folder (${facts.writeProblem}).`,
      `Check that the folder is writable, then restart the add-on. ${PASTE_BACK}`);
  }
  const choice = facts.choice;
  if (!choice) {
    return redirect('unavailable', facts, `The add-on could not learn Home Assistant’s addresses: ${facts.urlsProblem ?? 'no answer yet'}`,
      `The add-on tries again by itself, or set the “public_url” option. ${PASTE_BACK}`);
  }
  if (!choice.ok) {
    const message = choice.reason === 'not_https'
      ? `Home Assistant’s public address ${choice.seen} is not https, and Microsoft accepts only https redirect URIs.`
      : 'Home Assistant has no public https address, so Microsoft cannot send the browser back to it.';
    return redirect('no_public_url', facts, message,
      `Set an https external URL in Settings → System → Network, use Home Assistant Cloud, or set the add-on’s “public_url” option. ${PASTE_BACK}`);
  }
  return servedRedirect(facts);
}

function servedRedirect(facts: RedirectFacts): InternetRedirect {
  const ready = 'Register this redirect URI in your app registration under Authentication → Web.';
  const notServed = facts.probe === 'not_served' || (facts.probe === 'unknown' && facts.createdWww);
  if (facts.probe === 'served' || !notServed) return redirect('ready', facts, ready, null);
  if (facts.restarting) {
    return redirect('restarting', facts, 'Home Assistant is restarting; the sign-in page will be served once it is back.', null);
  }
  return redirect('needs_restart', facts,
    'Home Assistant does not serve the sign-in page yet: its www folder did not exist when Home Assistant started, and Home Assistant serves /local/ only after a restart.',
    `Restart Home Assistant once (Settings → System → Restart, or the button here). You can already register the redirect URI. ${PASTE_BACK}`);
}
