import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { ApiError } from '../api/client.js';
import type { StartedSignIn } from '../api/types.js';
import { fire } from '../events.js';
import { formatTime } from '../format.js';
import { shared } from '../styles/shared.js';
import './m365-alert.js';
import './m365-diagnosis.js';

/**
 * The paste-back sign-in: open Microsoft in a new tab, land on a blank page (nativeclient) or on the
 * browser's "can't be reached" page (http://localhost), copy its address back.
 * Submits as soon as something is pasted, so the service's specific message shows at once.
 * @fires m365-url-submitted
 */
@customElement('m365-paste-back-panel')
export class M365PasteBackPanel extends LitElement {
  @property({ attribute: false }) started: StartedSignIn | undefined;
  @property({ type: Boolean }) busy = false;
  @property({ attribute: false }) error: ApiError | undefined;
  @state() private _url = '';

  protected override willUpdate(changed: Map<string, unknown>): void {
    // Once Microsoft has refused a code it is spent: take it off the screen.
    if (changed.has('error') && this.error?.diagnosis) this._url = '';
  }

  override render() {
    const started = this.started;
    if (!started) return nothing;
    const fieldError = isAboutThePastedText(this.error);
    const localhost = started.method === 'paste_back_localhost';
    // The page this sign-in really lands on: its cloud's, its localhost port, or the demo's own.
    const landing = started.landing_uri ?? started.redirect_uri;
    return html`<ol class="steps">
        <li><a class="button primary" href=${started.authorize_url} target="_blank" rel="noopener noreferrer">Open Microsoft sign-in in a new tab</a>
          <p class="hint">Microsoft does not allow its sign-in inside Home Assistant’s panel, so it opens in a new tab. Finish by ${formatTime(started.expires_at)}.</p></li>
        <li>Sign in with the account whose calendar, mail or tasks you want, and accept the permissions.</li>
        ${localhost ? this._localhostStep(landing) : html`<li>You land on a <strong>blank page</strong>. That is expected: its address holds the sign-in code. Copy the whole address from the address bar
          (it starts with <span class="mono">${landing}?code=</span>), come back to this tab and paste it below.</li>`}
      </ol>
      ${localhost ? nothing : this._nativeClientAlerts()}
      <div class="field">
        <label for="pasted">${localhost ? 'Address of the page that could not open' : 'Address of the blank page'}</label>
        <textarea id="pasted" rows="3" autocomplete="off" spellcheck="false" .value=${this._url} ?disabled=${this.busy}
          aria-invalid=${fieldError ? 'true' : 'false'} aria-describedby="pasted-hint pasted-error"
          @input=${this._onInput} @paste=${this._onPaste} @keydown=${this._onKeydown}></textarea>
        <p class="hint" id="pasted-hint">Checked as soon as you paste. Press Enter or the button to check a typed address.</p>
        <div id="pasted-error" aria-live="polite">${fieldError && this.error ? html`<p class="field-error">${this.error.message} ${this.error.fix ?? ''}</p>` : nothing}</div>
      </div>
      <button type="button" class="primary" ?disabled=${this.busy || this._url.trim() === ''} @click=${this._submit}>${this.busy ? 'Checking…' : 'Finish sign-in'}</button>
      ${this.error && !fieldError ? html`<m365-diagnosis live .error=${this.error}></m365-diagnosis>` : nothing}`;
  }

  /** What the browser really shows when nothing answers on localhost, by browser, and what to copy. */
  private _localhostStep(redirectUri: string) {
    const shown = `${new URL(redirectUri).origin}/?code=`;
    return html`<li>Your browser then tries to open <span class="mono">${shown}…</span> and shows an error page:
        <strong>“This site can’t be reached”</strong> or <strong>“localhost refused to connect”</strong> (Chrome, Edge),
        <strong>“Unable to connect”</strong> (Firefox), <strong>“Safari can’t connect to the server”</strong> (Safari).
        That is expected: nothing on your computer answers there, and the <strong>address bar holds the whole answer</strong>.
        Click the address bar, copy all of it (it starts with <span class="mono">${shown}</span>, or <span class="mono">${shown.replace('http://', '')}</span>
        when the browser hides <span class="mono">http://</span>), come back to this tab and paste it below.</li>`;
  }

  private _nativeClientAlerts() {
    return html`<m365-alert kind="warning" heading="Safari on a Mac">
        <p>Safari downloads an empty file named “nativeclient” instead of showing the blank page. Use another browser (Chrome, Edge or Firefox) for this sign-in, or the localhost paste-back or the internet redirect.</p>
      </m365-alert>
      <m365-alert kind="info" heading="Microsoft showed “You have reached a page that is not normally shown”?">
        <p>Microsoft sometimes moves on to a page whose address ends in <span class="mono">/common/wrongplace</span>, so the address you need is no longer in the address bar.
          It is still in your browser’s history: open the history (Ctrl+H, or ⌘Y on a Mac), find the entry whose address contains <span class="mono">nativeclient?code=</span>,
          and copy that address (right-click → Copy link).</p>
      </m365-alert>`;
  }

  private _onInput(event: Event) {
    this._url = (event.target as HTMLTextAreaElement).value;
  }

  private _onPaste(event: ClipboardEvent) {
    const text = event.clipboardData?.getData('text') ?? '';
    if (text.trim() === '') return;
    event.preventDefault();
    this._url = text.trim();
    this._submit();
  }

  private _onKeydown(event: KeyboardEvent) {
    // An address never holds a new line, so Enter submits (Shift+Enter still adds one).
    if (event.key === 'Enter' && !event.shiftKey) {
      event.preventDefault();
      this._submit();
    }
  }

  private _submit() {
    if (this.busy || this._url.trim() === '') return;
    fire(this, 'm365-url-submitted', { url: this._url.trim() });
  }

  static override styles = [
    shared,
    css`
      :host { display: block; }
      .steps > li { margin-block-end: var(--m365-space-3); }
      textarea { font-family: var(--m365-mono); font-size: 0.9rem; }
    `,
  ];
}

/** Errors about the pasted text itself go under the field; Microsoft's refusals get a full diagnosis. */
function isAboutThePastedText(error: ApiError | undefined): boolean {
  if (!error || error.diagnosis) return false;
  return error.field === 'url' || error.code.startsWith('paste_') || error.code.startsWith('sign_in_');
}

declare global {
  interface HTMLElementTagNameMap {
    'm365-paste-back-panel': M365PasteBackPanel;
  }
}
