// The internet-redirect bounce page HA serves at /local/…: Microsoft redirects the browser there, and
// its script forwards code, state and the error fields to this add-on's ingress callback. A navigation
// the HA page starts itself is same-site, so HA's SameSite=Strict ingress cookie goes with it.
// The page is public: it holds no secret, and it forwards only to the one path written into it.
import { createHash } from 'node:crypto';

export const BOUNCE_FOLDER = 'ms365_signin';
export const BOUNCE_PAGE = 'callback.html';
export const BOUNCE_SCRIPT = 'callback.js';
/** The meta tag that carries the forward target; also how a probe recognises the page. */
export const BOUNCE_META = 'ms365-signin-callback';
/** The parameters Microsoft's redirect carries that the add-on's callback reads. */
export const FORWARDED_PARAMS = ['code', 'state', 'error', 'error_description', 'error_subcode'] as const;

const INGRESS_CALLBACK = /^\/api\/hassio_ingress\/[A-Za-z0-9_-]+\/auth\/callback$/;

export function isIngressCallbackPath(path: string): boolean {
  return INGRESS_CALLBACK.test(path);
}

/** `/local/<folder>/<page>`: the path HA serves the page at, below its public origin. */
export const BOUNCE_URL_PATH = `/local/${BOUNCE_FOLDER}/${BOUNCE_PAGE}`;

// Kept as plain ES2017 so every browser HA supports runs it; no eval, no inline script (CSP 'self').
export const BOUNCE_SCRIPT_SOURCE = `// Forwards a Microsoft sign-in answer to the Microsoft 365 sign-in add-on. Holds no secret.
(function () {
  'use strict';
  var FORWARDED = ${JSON.stringify(FORWARDED_PARAMS)};
  var TARGET = ${INGRESS_CALLBACK.toString()};
  var status = document.getElementById('status');
  function say(text) { if (status) status.textContent = text; }
  var meta = document.querySelector('meta[name="${BOUNCE_META}"]');
  var target = meta ? meta.getAttribute('content') : '';
  if (!target || !TARGET.test(target)) { say('This page is damaged. Restart the Microsoft 365 sign-in add-on to write it again.'); return; }
  var source = new URLSearchParams(window.location.search);
  if (!source.has('code') && !source.has('error') && window.location.hash.length > 1) {
    source = new URLSearchParams(window.location.hash.slice(1));
  }
  var out = new URLSearchParams();
  FORWARDED.forEach(function (name) { var value = source.get(name); if (value !== null) out.set(name, value); });
  if (!out.has('code') && !out.has('error')) { say('Nothing to hand over: open this page only through a Microsoft sign-in started in the add-on.'); return; }
  window.location.replace(target + '?' + out.toString());
})();
`;

export const BOUNCE_SCRIPT_VERSION = createHash('sha256').update(BOUNCE_SCRIPT_SOURCE).digest('hex').slice(0, 12);

/**
 * HA serves /local/ with long cache headers. The page is always fetched fresh (every redirect has a
 * new query string), the script is not: its URL carries a content hash, and the per-install target
 * lives in the page, never in the script.
 */
export function renderBouncePage(callbackPath: string): string {
  if (!isIngressCallbackPath(callbackPath)) throw new Error(`not an ingress callback path: ${callbackPath}`);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<meta name="robots" content="noindex">
<meta name="${BOUNCE_META}" content="${callbackPath}">
<title>Microsoft 365 sign-in</title>
<script src="${BOUNCE_SCRIPT}?v=${BOUNCE_SCRIPT_VERSION}" defer></script>
</head>
<body>
<main>
<h1>Finishing the Microsoft 365 sign-in</h1>
<p id="status" role="status">Taking you back to the Microsoft 365 sign-in add-on in Home Assistant…</p>
<noscript><p>This page needs JavaScript to hand the sign-in over to Home Assistant. Turn JavaScript on and sign in again, or use paste-back sign-in in the add-on.</p></noscript>
</main>
</body>
</html>
`;
}
