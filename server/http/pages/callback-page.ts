// The page a browser lands on after an internet-redirect sign-in. Everything shown is escaped:
// Microsoft's error_description is attacker-influenced text.
import { createHash } from 'node:crypto';

const STYLE =
  'body{font-family:Roboto,system-ui,sans-serif;max-width:36rem;margin:2rem auto;padding:0 1rem;line-height:1.5}@media (prefers-color-scheme:dark){body{background:#111;color:#e1e1e1}}';

/** The page has no script at all; its one inline style is allowed by its hash, nothing else. */
export const CALLBACK_PAGE_CSP = [
  "default-src 'none'",
  `style-src 'sha256-${createHash('sha256').update(STYLE).digest('base64')}'`,
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'self'",
].join('; ');

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (char) => ESCAPES[char] ?? char);

type Outcome =
  | { ok: true; username: string; missing: string[] }
  | { ok: false; error: Record<string, unknown> };

// The callback page sits at <add-on root>/auth/callback, directly or behind HA's ingress path, so
// "../" is the add-on's own panel in both cases.
const BACK_TO_PANEL = (route: string) => `<p><a href="../#/${route}">Go back to the add-on</a></p>`;

// The shared error texts are written for paste-back ("paste the address of the blank page"). On
// this page nothing was pasted and no blank page was seen, so such sentences are left out.
const PASTE_WORDS = /\b(past(e|ed|es|ing)|blank page|address bar|wrongplace)\b/i;

/** The sentences of `text` that make sense after an internet redirect, or `fallback` if none do. */
export function redirectWords(text: unknown, fallback: string): string {
  if (typeof text !== 'string' || text.trim() === '') return fallback;
  const kept = text.split(/(?<=[.!?])\s+/).filter((sentence) => !PASTE_WORDS.test(sentence));
  return kept.length ? kept.join(' ') : fallback;
}

function body(outcome: Outcome): string {
  if (outcome.ok) {
    const missing = outcome.missing.length
      ? `<p>Microsoft did not grant: ${escapeHtml(outcome.missing.join(', '))}. The add-on’s panel explains what to do.</p>`
      : '';
    return `<h1>Signed in</h1><p>${escapeHtml(outcome.username)} is signed in. You can close this tab.</p>${missing}${BACK_TO_PANEL('accounts')}`;
  }
  const error = outcome.error;
  const message = escapeHtml(redirectWords(error.message, 'Microsoft sent the browser back without a finished sign-in.'));
  const fix = escapeHtml(redirectWords(error.fix, 'Start a new sign-in from the add-on’s Sign in page.'));
  const aadsts = typeof error.aadsts === 'number' ? `<p>Microsoft error code: AADSTS${error.aadsts}</p>` : '';
  return `<h1>Sign-in did not finish</h1><p>${message}</p><p>${fix}</p>${aadsts}${BACK_TO_PANEL('sign-in')}`;
}

export function renderCallbackPage(outcome: Outcome): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Microsoft 365 sign-in</title><style>${STYLE}</style></head>
<body><main role="status">${body(outcome)}</main></body></html>`;
}
