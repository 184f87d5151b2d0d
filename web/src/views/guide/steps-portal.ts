// Steps 1 to 4 of the guide: directory, new registration, account types, redirect URI. Template
// functions rendered inside the guide view, so labels and fields share its shadow root.
import { html, nothing } from 'lit';
import type { CloudId, ServiceStatus } from '../../api/types.js';
import { ACCOUNT_TYPES, AZURE_FREE_SIGN_UP, SUGGESTED_APP_NAME, appRegistrationsUrl } from '../../guide/portal.js';
import type { GuideProgress } from '../../guide/progress.js';
import { LOCALHOST_REASON, LOCALHOST_REDIRECT_URI, internetRedirectReady, pasteBackLabel } from '../../sign-in-methods.js';
import '../../components/m365-alert.js';
import '../../components/m365-copy-field.js';
import '../home-assistant/m365-internet-redirect.js';

export interface StepContext {
  progress: GuideProgress;
  status: ServiceStatus;
  update: (patch: Partial<GuideProgress>) => void;
  /** A non-admin reads the guide but is offered no action that changes anything. */
  readOnly?: boolean;
}

const value = (event: Event): string => (event.target as HTMLInputElement).value;

export function directoryStep() {
  return html`
    <p>You need a Microsoft Entra ID directory to register an app in. Work and school accounts already have one.</p>
    <m365-alert kind="info" heading="Only a personal account (outlook.com, hotmail.com, live.com)?">
      <p>Since mid-2024 Microsoft lets you create a new app registration only inside an Entra ID directory. Sign up for
        Azure with your personal account to get one: <a href=${AZURE_FREE_SIGN_UP} target="_blank" rel="noopener noreferrer">free Azure sign-up (opens in a new tab)</a>.
        Entra ID itself is free; app registrations cost nothing.</p>
      <p>Signing in to the Entra portal with a personal account may send you a sign-in notification (an email or an alert in the
        Microsoft Authenticator app) about a new sign-in to Azure or the Entra portal. It is you: you can ignore it.</p>
    </m365-alert>`;
}

export function registerStep(ctx: StepContext) {
  const { progress, status, update } = ctx;
  return html`
    <fieldset>
      <legend>Which Microsoft cloud is your account in?</legend>
      ${status.clouds.map((cloud) => html`<label class="choice"><input type="radio" name="cloud" .checked=${progress.cloud === cloud.id}
        @change=${() => update({ cloud: cloud.id as CloudId })} /><span>${cloud.label}</span></label>`)}
    </fieldset>
    <ol>
      <li><a href=${appRegistrationsUrl(progress.cloud)} target="_blank" rel="noopener noreferrer">Open App registrations in the Entra portal (opens in a new tab)</a>.
        Or in the portal menu: <strong>Entra ID → App registrations</strong>.</li>
      <li>Click <strong>+ New registration</strong>.</li>
      <li>Under <strong>Name</strong>, enter a name you will recognise, for example:</li>
    </ol>
    <m365-copy-field label="Suggested name" .value=${SUGGESTED_APP_NAME}></m365-copy-field>
    <p>Stay on that page: the next two steps fill in the rest of the form.</p>`;
}

export function accountTypesStep(ctx: StepContext) {
  const { progress, update } = ctx;
  const chosen = ACCOUNT_TYPES.find((type) => type.id === progress.accountType);
  return html`
    <p>Under <strong>Supported account types</strong>, choose one of the first two. Pick the same one here:</p>
    <fieldset>
      <legend>Supported account types</legend>
      ${ACCOUNT_TYPES.map((type) => html`<label class="choice"><input type="radio" name="account-type" .checked=${progress.accountType === type.id}
        @change=${() => update({ accountType: type.id })} /><span>${type.portal}
        <span class="secondary">— ${type.works ? 'works' : type.id === 'single' ? 'only with a tenant ID' : 'does not work'}</span></span></label>`)}
    </fieldset>
    ${chosen ? html`<m365-alert kind=${chosen.works ? 'info' : chosen.id === 'single' ? 'warning' : 'error'}>${chosen.why}</m365-alert>` : nothing}
    ${progress.accountType === 'single'
      ? html`<p class="hint">The Directory (tenant) ID exists once the app is registered: step 5 asks for it, on the Overview page next to the client ID.</p>`
      : nothing}`;
}

export function redirectUriFor(progress: GuideProgress, status: ServiceStatus): string {
  if (progress.method === 'internet_redirect') return status.internet_redirect_uri ?? progress.publicRedirectUri.trim();
  if (progress.method === 'paste_back_localhost') return LOCALHOST_REDIRECT_URI;
  return status.clouds.find((cloud) => cloud.id === progress.cloud)?.nativeclient_url ?? '';
}

export function redirectStep(ctx: StepContext) {
  const { progress, status, update } = ctx;
  const uri = redirectUriFor(progress, status);
  // In add-on mode the internet redirect goes through Home Assistant, which says whether it works.
  const haRedirect = progress.method === 'internet_redirect' ? status.home_assistant?.internet_redirect : undefined;
  // Without a working internet redirect, the localhost paste-back is the one that always gets through.
  const recommendLocalhost = !internetRedirectReady(status);
  return html`
    <fieldset>
      <legend>How will you finish signing in?</legend>
      <label class="choice"><input type="radio" name="method" .checked=${progress.method === 'paste_back_localhost'} @change=${() => update({ method: 'paste_back_localhost' })} />
        <span>${pasteBackLabel('paste_back_localhost', recommendLocalhost)}</span></label>
      <label class="choice"><input type="radio" name="method" .checked=${progress.method === 'paste_back'} @change=${() => update({ method: 'paste_back' })} />
        <span><strong>Paste-back</strong>: nothing of your Home Assistant is exposed to the internet; you copy the address of Microsoft’s blank page and paste it once.</span></label>
      <label class="choice"><input type="radio" name="method" .checked=${progress.method === 'internet_redirect'} @change=${() => update({ method: 'internet_redirect' })} />
        <span><strong>Internet redirect</strong>: no pasting; needs this add-on reachable from the internet over https.</span></label>
    </fieldset>
    ${progress.method === 'internet_redirect' && !status.internet_redirect_uri && !haRedirect
      ? html`<div class="field">
          <label for="public-uri">Public https address of this add-on’s callback</label>
          <input id="public-uri" type="url" inputmode="url" autocomplete="off" .value=${progress.publicRedirectUri} aria-describedby="public-uri-hint"
            @input=${(e: Event) => update({ publicRedirectUri: value(e) })} />
          <p class="hint" id="public-uri-hint">Ends in /auth/callback, for example https://home.example.com:8443/auth/callback. Microsoft accepts only https here.</p>
        </div>`
      : nothing}
    <ol>
      <li>Under <strong>Redirect URI</strong>, choose the platform <strong>Web</strong>.</li>
      <li>Enter exactly this address:</li>
    </ol>
    ${recommendLocalhost ? html`<p class="secondary" id="localhost-reason">Why localhost: ${LOCALHOST_REASON}</p>` : nothing}
    ${haRedirect ? html`<m365-internet-redirect .redirect=${haRedirect} ?readOnly=${ctx.readOnly ?? false}></m365-internet-redirect>`
      : uri ? html`<m365-copy-field label="Redirect URI" .value=${uri}></m365-copy-field>` : nothing}
    ${progress.method === 'paste_back_localhost' ? nothing
      : html`<p>To keep the localhost paste-back open as well (it also serves “Sign in again” for the MS365 integrations), add this address under Web too:</p>
        <m365-copy-field label="Localhost redirect URI" .value=${LOCALHOST_REDIRECT_URI}></m365-copy-field>`}
    <m365-alert kind="warning" heading="Web, not “Mobile and desktop applications”, not “Single-page application”">
      <p>The add-on proves who it is with a client secret. Under Mobile and desktop, Microsoft treats the app as public and refuses the secret
        (AADSTS700025). Under Single-page application, Microsoft expects the browser to redeem the code (AADSTS9002325) and its sign-ins lapse after 24 hours.</p>
    </m365-alert>
    <p class="secondary">Already registered? Add it later under <strong>Authentication → Add a platform → Web</strong>: enter the address, leave the other fields blank and click <strong>Configure</strong>. You can register both addresses to keep both methods open.</p>`;
}
