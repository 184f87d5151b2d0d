import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { ApiError } from '../api/client.js';
import type { StartedSignIn } from '../api/types.js';
import { fire } from '../events.js';
import { formatTime } from '../format.js';
import { shared } from '../styles/shared.js';
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
    // Link, then the one thing to do, then the field: on a phone the paste box must not sit below the
    // troubleshooting notes, which are folded away until needed.
    return html`<ol class="steps">
        <li><a class="button primary" href=${started.authorize_url} target="_blank" rel="noopener noreferrer">Open Microsoft sign-in in a new tab</a>
          <p class="hint">A new tab, since Microsoft’s sign-in cannot open inside Home Assistant. Finish by ${formatTime(started.expires_at)}.</p></li>
        <li>${localhost ? this._localhostStep(landing) : html`Sign in, accept the permissions, and you land on a <strong>blank page</strong> (that is expected).
          Copy its <strong>whole</strong> address (it starts with <span class="mono">${landing}?code=</span>) and paste it here:`}
          <div class="field">
            <label for="pasted">${localhost ? 'Address of the page that could not open' : 'Address of the blank page'}</label>
            <textarea id="pasted" rows="3" autocomplete="off" spellcheck="false" .value=${this._url} ?disabled=${this.busy}
              aria-invalid=${fieldError ? 'true' : 'false'} aria-describedby="pasted-hint pasted-error"
              @input=${this._onInput} @paste=${this._onPaste} @keydown=${this._onKeydown}></textarea>
            <p class="hint" id="pasted-hint">Checked as soon as you paste. Press Enter or the button to check a typed address.</p>
            <div id="pasted-error" aria-live="polite">${fieldError && this.error ? html`<p class="field-error">${this.error.message} ${this.error.fix ?? ''}</p>` : nothing}</div>
          </div></li>
      </ol>
      <button type="button" class="primary" ?disabled=${this.busy || this._url.trim() === ''} @click=${this._submit}>${this.busy ? 'Checking…' : 'Finish sign-in'}</button>
      ${this.error && !fieldError ? html`<m365-diagnosis live .error=${this.error}></m365-diagnosis>` : nothing}
      <div class="notes">${localhost ? this._localhostNotes(landing) : this._nativeClientNotes()}${this._copyNote()}</div>`;
  }

  /** What the browser shows when nothing answers on localhost (nothing there); the per-browser wording is a note. */
  private _localhostStep(landing: string) {
    const shown = `${new URL(landing).origin}/?code=`;
    return html`Sign in and accept the permissions. Your browser then shows an error page such as <strong>“This site can’t be reached”</strong>. That is expected:
        the <strong>address bar holds the whole answer</strong>. Copy all of it (it starts with <span class="mono">${shown}</span>) and paste it here:`;
  }

  private _localhostNotes(landing: string) {
    const shown = `${new URL(landing).origin}/?code=`;
    return html`<details>
        <summary>What the error page says in each browser</summary>
        <p><strong>“This site can’t be reached”</strong> or <strong>“localhost refused to connect”</strong> (Chrome, Edge),
          <strong>“Unable to connect”</strong> (Firefox), <strong>“Safari can’t connect to the server”</strong> (Safari).
          The address may show as <span class="mono">${shown.replace('http://', '')}</span> when the browser hides <span class="mono">http://</span>; that is fine.</p>
      </details>`;
  }

  private _nativeClientNotes() {
    return html`<details>
        <summary>Safari on a Mac downloaded a file named “nativeclient”?</summary>
        <p>Safari downloads an empty file instead of showing the blank page. Use another browser (Chrome, Edge or Firefox) for this sign-in, or the localhost paste-back or the internet redirect.</p>
      </details>
      <details>
        <summary>Microsoft showed “You have reached a page that is not normally shown”?</summary>
        <p>Microsoft sometimes moves on to a page whose address ends in <span class="mono">/common/wrongplace</span>, so the address you need is no longer in the address bar.
          It is still in your browser’s history: open the history (Ctrl+H, or ⌘Y on a Mac), find the entry whose address contains <span class="mono">nativeclient?code=</span>,
          and copy that address (right-click → Copy link).</p>
      </details>`;
  }

  /** Phones show only the start of a long address, and a cut-off one cannot be used. */
  private _copyNote() {
    return html`<details>
        <summary>How to copy the whole address on a phone</summary>
        <p>Tap the address bar once, then long-press the address and choose <strong>Select all</strong>, then <strong>Copy</strong>.
          The address is long (hundreds of characters); copying what you can see is not enough.</p>
      </details>`;
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
      .steps .field { margin-block: var(--m365-space-3) 0; }
      .notes { margin-block-start: var(--m365-space-4); }
      details { border-block-start: 1px solid var(--m365-divider); padding-block: var(--m365-space-2); }
      summary { cursor: pointer; font-weight: 500; }
      details p { margin-block: var(--m365-space-2) 0; }
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
