// The HTML the emulator's login host serves: account picker, consent, error page, the blank
// nativeclient page and the form_post relay. Every echoed value goes through escapeHtml.
import type { Trace } from './aad-errors.js';
import { escapeHtml as e } from './http.js';
import type { User } from './model.js';

const STYLE = `body{font-family:"Segoe UI",system-ui,sans-serif;background:#f2f2f2;margin:0}
main{background:#fff;max-width:440px;margin:48px auto;padding:44px;box-shadow:0 2px 6px rgba(0,0,0,.2)}
h1{font-size:1.5rem;font-weight:600;margin:0 0 16px}.brand{color:#737373;font-weight:600;margin-bottom:16px}
button{font:inherit;padding:6px 16px;min-width:108px;border:1px solid #8c8c8c;background:#ccc;cursor:pointer}
button.primary{background:#0067b8;color:#fff;border-color:#0067b8}
.account{display:block;width:100%;text-align:left;background:#fff;border:0;border-bottom:1px solid #ddd;padding:12px 0}
.account small{display:block;color:#555}[role=alert]{color:#e81123}input{font:inherit;width:100%;padding:6px 0;margin:8px 0 16px}
dl{font-size:.8rem;color:#555}dt{font-weight:600}.actions{display:flex;gap:8px;justify-content:flex-end;margin-top:24px}`;

function layout(title: string, body: string): string {
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${e(title)}</title><style>${STYLE}</style></head>
<body><main><div class="brand">Microsoft</div>${body}</main></body></html>`;
}

const flowField = (flowId: string) => `<input type="hidden" name="flowToken" value="${e(flowId)}">`;
const tenantPath = (tenant: string) => `/${encodeURIComponent(tenant)}`;

export interface SignInPageInput {
  flowId: string;
  tenant: string;
  accounts: User[];
  prefill?: string | undefined;
  error?: string | undefined;
}

export function signInPage(input: SignInPageInput): string {
  const action = `${tenantPath(input.tenant)}/login`;
  // A login_hint naming a known account preselects it: Microsoft's v2 auth-code-flow document says the
  // hint pre-fills the username, and the sign-in page then goes on with that account. Without passwords
  // the emulator shows it first, focused, so Enter continues with it; the others stay one click away.
  const hinted = input.prefill?.toLowerCase();
  const ordered = [...input.accounts].sort((a, b) => Number(b.username.toLowerCase() === hinted) - Number(a.username.toLowerCase() === hinted));
  const accounts = ordered
    .map((u) => {
      const preselected = u.username.toLowerCase() === hinted ? ' autofocus aria-current="true"' : '';
      return `<button type="submit" class="account" name="username" value="${e(u.username)}"${preselected}>${e(u.name)} <small>${e(u.username)}</small></button>`;
    })
    .join('\n');
  const error = input.error ? `<p role="alert" id="usernameError">${e(input.error)}</p>` : '';
  const describedBy = input.error ? ' aria-describedby="usernameError"' : '';
  return layout('Sign in to your account', `<h1>Pick an account</h1>
<form method="post" action="${e(action)}" aria-label="Known accounts">${flowField(input.flowId)}
${accounts}
</form>
<h2>Sign in</h2>
<form method="post" action="${e(action)}" aria-label="Sign in with another account">${flowField(input.flowId)}
${error}<label for="loginfmt">Email, phone, or Skype</label>
<input id="loginfmt" name="loginfmt" type="email" autocomplete="username" value="${e(input.prefill ?? '')}"${describedBy}>
<div class="actions"><button type="submit" class="primary">Next</button></div>
</form>`);
}

export interface ConsentPageInput {
  flowId: string;
  tenant: string;
  appName: string;
  username: string;
  permissions: string[];
}

export function consentPage(input: ConsentPageInput): string {
  const items = input.permissions.map((p) => `<li>${e(p)}</li>`).join('\n');
  return layout('Permissions requested', `<p>${e(input.username)}</p>
<h1>Permissions requested</h1>
<p><strong>${e(input.appName)}</strong> unverified</p>
<p>This app would like to:</p>
<ul aria-label="Requested permissions">
${items}
</ul>
<p>Accepting these permissions means that you allow this app to use your data as specified in their terms of service and privacy statement.</p>
<form method="post" action="${e(`${tenantPath(input.tenant)}/Consent/Set`)}" aria-label="Consent">${flowField(input.flowId)}
<div class="actions"><button type="submit" name="decision" value="cancel">Cancel</button>
<button type="submit" class="primary" name="decision" value="accept">Accept</button></div>
</form>`);
}

/** Microsoft's error page: the callback is never reached, the user must read this. */
export function errorPage(message: string, trace: Trace): string {
  return layout('Sign in to your account', `<h1>Sign in</h1>
<p role="alert">Sorry, but we're having trouble signing you in.</p>
<p id="errorMessage">${e(message)}</p>
<h2>Troubleshooting details</h2>
<dl><dt>Request Id</dt><dd>${e(trace.traceId)}</dd>
<dt>Correlation Id</dt><dd>${e(trace.correlationId)}</dd>
<dt>Timestamp</dt><dd>${e(trace.timestamp.replace(' ', 'T'))}</dd>
<dt>Message</dt><dd>${e(message)}</dd></dl>`);
}

/** The nativeclient landing page is blank on purpose: the user copies the address bar. */
export function nativeClientPage(): string {
  return '<!DOCTYPE html>\n<html><head><meta charset="utf-8"><title></title></head><body></body></html>';
}

export function formPostPage(action: string, fields: Array<[string, string]>): string {
  const inputs = fields.map(([k, v]) => `<input type="hidden" name="${e(k)}" value="${e(v)}">`).join('');
  return `<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>Working...</title></head>
<body onload="document.forms[0].submit()"><form method="POST" name="hiddenform" action="${e(action)}">${inputs}
<noscript><p>Script is disabled. Click Submit to continue.</p><input type="submit" value="Submit"></noscript></form></body></html>`;
}

export function signedOutPage(): string {
  return layout('Sign out', '<h1>You signed out of your account</h1><p>It\'s a good idea to close all browser windows.</p>');
}
