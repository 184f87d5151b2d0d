// The choices before a sign-in starts: which app registration, which method, which permissions.
import { html, nothing } from 'lit';
import type { AppRegistrationView, InternetRedirectView, RedirectMethod } from '../../api/types.js';
import { LOCALHOST_REASON, pasteBackLabel } from '../../sign-in-methods.js';
import '../home-assistant/m365-internet-redirect.js';

export interface ChoicesInput {
  apps: AppRegistrationView[];
  app: AppRegistrationView | undefined;
  method: RedirectMethod;
  scopes: string;
  invalid: string[];
  internetUri: string | null;
  /** The internet redirect through Home Assistant, when it is the one this app would use. */
  haRedirect: InternetRedirectView | undefined;
  readOnly: boolean;
  onApp: (id: string) => void;
  onMethod: (method: RedirectMethod) => void;
  onScopes: (text: string) => void;
}

export function renderChoices(input: ChoicesInput) {
  const { apps, app, method, haRedirect } = input;
  // Home Assistant's side is worth showing when it is in use, or to explain why it cannot be.
  const showHa = haRedirect !== undefined && (method === 'internet_redirect' || !input.internetUri);
  const usedUri = method === 'paste_back' ? app?.paste_back_redirect_uri : method === 'paste_back_localhost' ? app?.paste_back_localhost_redirect_uri : input.internetUri;
  return html`
    ${apps.length > 1
      ? html`<div class="field"><label for="app">App registration</label>
          <select id="app" @change=${(e: Event) => input.onApp((e.target as HTMLSelectElement).value)}>
            ${apps.map((a) => html`<option value=${a.id} ?selected=${a.id === app?.id}>${a.display_name} (${a.client_id})</option>`)}
          </select></div>`
      : html`<p>App registration: <strong>${app?.display_name}</strong> <span class="secondary mono">${app?.client_id}</span></p>`}
    <fieldset>
      <legend>How do you want to finish signing in?</legend>
      <label class="choice"><input type="radio" name="method" .checked=${method === 'paste_back_localhost'} @change=${() => input.onMethod('paste_back_localhost')} />
        <span>${pasteBackLabel('paste_back_localhost', !input.internetUri)}
          ${input.internetUri ? nothing : html`<span class="secondary">${LOCALHOST_REASON}</span>`}</span></label>
      <label class="choice"><input type="radio" name="method" .checked=${method === 'paste_back'} @change=${() => input.onMethod('paste_back')} />
        <span>${pasteBackLabel('paste_back', false)}</span></label>
      <label class="choice"><input type="radio" name="method" .checked=${method === 'internet_redirect'} ?disabled=${!input.internetUri}
        @change=${() => input.onMethod('internet_redirect')} />
        <span><strong>Internet redirect</strong>: no pasting; needs this add-on reachable from the internet over https.
          ${input.internetUri ? nothing : haRedirect
            ? html`<span class="secondary">Not available right now: see below.</span>`
            : html`<span class="secondary">Not available: no public https address is set up (guide <a href="#/guide/redirect_uri">step 4</a>).</span>`}</span></label>
    </fieldset>
    ${showHa ? html`<m365-internet-redirect .redirect=${haRedirect} ?readOnly=${input.readOnly}></m365-internet-redirect>` : nothing}
    <p class="secondary" ?hidden=${showHa && method === 'internet_redirect'}>Redirect URI used: <span class="mono">${usedUri}</span>.
      It must be registered under <strong>Web</strong> in the Entra portal (<a href="#/guide/redirect_uri">step 4</a>).</p>
    <div class="field">
      <label for="scopes">Permissions to ask for</label>
      <textarea id="scopes" rows="3" spellcheck="false" .value=${input.scopes} aria-invalid=${input.invalid.length ? 'true' : 'false'}
        aria-describedby="scopes-hint scopes-error" @input=${(e: Event) => input.onScopes((e.target as HTMLTextAreaElement).value)}></textarea>
      <p class="hint" id="scopes-hint">Computed in <a href="#/guide/api_permissions">guide step 7</a>; separated by spaces. User.Read and offline_access are always added.</p>
      <p class="field-error" id="scopes-error" aria-live="polite">${input.invalid.length ? `Not a permission name: ${input.invalid.join(', ')}` : ''}</p>
    </div>`;
}
