import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { finishEntrySignIn, finishEntrySignInByPaste, startEntrySignIn, type Ms365EntryView, type Ms365SignInFinished, type Ms365SignInStarted } from '../../api/ms365.js';
import type { RedirectMethod } from '../../api/types.js';
import '../../components/m365-alert.js';
import '../../components/m365-diagnosis.js';
import '../../components/m365-paste-back-panel.js';
import '../../components/m365-redirect-panel.js';
import '../../components/m365-sign-in-closed.js';
import { SignInFlow } from '../../controllers/sign-in-flow.js';
import { shared } from '../../styles/shared.js';
import { fire } from '../../events.js';
import { isPasteBack, LOCALHOST_REDIRECT_URI } from '../../sign-in-methods.js';

/**
 * "Sign in again" for one entry: the add-on's sign-in with the entry's own app registration and
 * permissions, then the service writes the token file and reloads the entry; the result says so.
 * @fires m365-entry-signed-in
 * @fires m365-entry-sign-in-closed
 */
@customElement('m365-integration-sign-in')
export class M365IntegrationSignIn extends LitElement {
  @property({ attribute: false }) entry: Ms365EntryView | undefined;
  @state() private _method: RedirectMethod = 'paste_back';
  // Once the redirect landed, the service writes the entry's token file; the result says so.
  private readonly _flow = new SignInFlow<Ms365SignInStarted, Ms365SignInFinished>(this, {
    completed: (started) => finishEntrySignIn(started.entry_id, started.state),
    finished: (done) => fire(this, 'm365-entry-signed-in', { entryId: done.entry.entry_id }),
  });

  override render() {
    const e = this.entry;
    if (!e) return nothing;
    return html`<section class="card" aria-labelledby="sign-in-heading">
      <h2 id="sign-in-heading" tabindex="-1">Sign in again: ${e.domain_label} · ${e.title}</h2>
      ${this._flow.result ? this._renderFinished(this._flow.result) : this._flow.started ? this._renderStarted(this._flow.started) : this._renderStart(e)}
      <p class="close"><button type="button" @click=${this._onClose}>${this._flow.result ? 'Close' : 'Cancel'}</button></p>
    </section>`;
  }

  private _renderStart(e: Ms365EntryView) {
    const who = e.token_file.username;
    return html`${who ? html`<p class="again"><strong>Signing in again as ${who}.</strong> Microsoft is asked to preselect this account when the add-on signed it in before; choose it there.</p>` : nothing}
      <p>The add-on signs in with this entry’s app registration (client ID <span class="mono">${e.client_id}</span>) and asks for its permissions:</p>
      <ul class="chips" aria-label="Permissions to ask for">${e.permissions.needed.map((s) => html`<li>${s}</li>`)}</ul>
      <fieldset>
        <legend>How Microsoft sends you back</legend>
        <label class="choice"><input type="radio" name="method" .checked=${this._method === 'paste_back'} @change=${() => (this._method = 'paste_back')} />
          <span>Paste-back: you copy the address of Microsoft’s blank page. Works with the redirect URI the integration already uses.</span></label>
        <label class="choice"><input type="radio" name="method" .checked=${this._method === 'paste_back_localhost'} @change=${() => (this._method = 'paste_back_localhost')} />
          <span>Localhost paste-back: your browser shows “This site can’t be reached” and you copy that page’s whole address; no wrongplace page, no Safari download.
            The app registration must list <span class="mono">${LOCALHOST_REDIRECT_URI}</span> under Web (Authentication → Add URI) first.</span></label>
        <label class="choice"><input type="radio" name="method" .checked=${this._method === 'internet_redirect'} @change=${() => (this._method = 'internet_redirect')} />
          <span>Internet redirect: nothing to copy, but the app registration must list the add-on’s redirect URI.</span></label>
      </fieldset>
      <button type="button" class="primary" ?disabled=${this._flow.busy} @click=${this._onStart}>${this._flow.busy ? 'Starting…' : 'Start sign-in'}</button>
      ${this._flow.error ? html`<m365-diagnosis live .error=${this._flow.error}></m365-diagnosis>` : nothing}`;
  }

  private _renderStarted(started: Ms365SignInStarted) {
    // The shared panels take the core sign-in's shape; the entry's adds only its scopes.
    const { busy, error, phase, closed } = this._flow;
    if (closed) return html`<m365-sign-in-closed .closed=${closed} .error=${error} @m365-sign-in-restart=${() => this._flow.reset()}></m365-sign-in-closed>`;
    if (isPasteBack(started.method)) {
      return html`<m365-paste-back-panel .started=${started} ?busy=${busy} .error=${error} @m365-url-submitted=${this._onPasted}></m365-paste-back-panel>`;
    }
    return html`<m365-redirect-panel .started=${started} phase=${phase}></m365-redirect-panel>
      ${error ? html`<m365-diagnosis live .error=${error}></m365-diagnosis>` : nothing}`;
  }

  private _renderFinished(done: Ms365SignInFinished) {
    const reload = done.reload;
    const different = done.different_account;
    return html`${different
        ? html`<m365-alert kind="warning" live heading=${`You signed in as ${done.username}, not ${different.expected_username}`}>
            <p>The entry’s token file now holds ${done.username}’s tokens. If that was not intended, sign in again and choose ${different.expected_username} at Microsoft.</p>
          </m365-alert>`
        : nothing}
      <m365-alert kind="success" live heading=${`Token file written for ${done.username}`}>
        <p>${done.backup ? html`The previous file is kept as <span class="mono">${done.backup}</span>.` : 'There was no previous file.'}</p>
        <p>${reload.ok ? `Home Assistant reloaded the entry: it is now ${(done.entry.ha.state ?? 'unknown').replace(/_/g, ' ')}.` : reload.problem}</p>
      </m365-alert>`;
  }

  private _onStart() {
    const entryId = this.entry?.entry_id;
    if (!entryId) return;
    return this._flow.start(() => startEntrySignIn(entryId, this._method));
  }

  private _onPasted(event: CustomEvent<{ url: string }>) {
    const entryId = this.entry?.entry_id;
    if (!entryId) return;
    return this._flow.paste(() => finishEntrySignInByPaste(entryId, event.detail.url));
  }

  private _onClose() {
    this._flow.stop();
    if (this.entry) fire(this, 'm365-entry-sign-in-closed', { entryId: this.entry.entry_id });
  }

  static override styles = [shared, css`:host { display: block; } .again { overflow-wrap: anywhere; } .close { margin-block: var(--m365-space-4) 0; } .chips { margin-block-end: var(--m365-space-3); }`];
}

declare global {
  interface HTMLElementTagNameMap {
    'm365-integration-sign-in': M365IntegrationSignIn;
  }
}
