import { LitElement, css, html } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { fire } from '../events.js';
import { shared } from '../styles/shared.js';

let nextId = 0;

/**
 * A read-only value with a Copy button. Falls back to selecting the text when the clipboard API is
 * refused (some embedded browsers), so the user can still copy by hand.
 * @fires m365-announced - after copying, for the shell's live region
 */
@customElement('m365-copy-field')
export class M365CopyField extends LitElement {
  @property() label = '';
  @property() value = '';
  /** Multi-line values (a permission list) use a text area. */
  @property({ type: Boolean }) multiline = false;
  @state() private _copied = false;
  private readonly _id = `copy-${++nextId}`;

  override render() {
    // A read-only text area, not an input: long values (redirect URIs, keys) wrap instead of being
    // cut off at 360 px. Browsers with field-sizing grow it to fit; others get a fitting row count.
    const lines = this.multiline ? this.value.split('\n').length : Math.ceil(this.value.length / 36);
    const field = html`<textarea id=${this._id} readonly spellcheck="false" rows=${Math.max(1, Math.min(12, lines))} .value=${this.value}></textarea>`;
    return html`<label for=${this._id}>${this.label}</label>
      <div class="line">
        ${field}
        <button type="button" @click=${this._onCopy} aria-label=${`Copy ${this.label}`}>${this._copied ? 'Copied' : 'Copy'}</button>
      </div>`;
  }

  private async _onCopy() {
    try {
      await navigator.clipboard.writeText(this.value);
      this._copied = true;
      fire(this, 'm365-announced', { message: `${this.label} copied to the clipboard.` });
      setTimeout(() => (this._copied = false), 2500);
    } catch {
      const input = this.renderRoot.querySelector<HTMLTextAreaElement>(`#${this._id}`);
      input?.focus();
      input?.select();
      fire(this, 'm365-announced', { message: 'Copying was refused by the browser: the text is selected, press Ctrl+C or ⌘C.' });
    }
  }

  static override styles = [
    shared,
    css`
      :host { display: block; margin-block-end: var(--m365-space-3); }
      .line { display: flex; gap: var(--m365-space-2); align-items: flex-start; }
      textarea { font-family: var(--m365-mono); font-size: 0.9rem; min-width: 0; flex: 1; min-height: 40px; resize: none; field-sizing: content; word-break: break-all; }
      button { flex: none; }
    `,
  ];
}

declare global {
  interface HTMLElementTagNameMap {
    'm365-copy-field': M365CopyField;
  }
}
