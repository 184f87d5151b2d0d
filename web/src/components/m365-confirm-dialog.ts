import { LitElement, css, html } from 'lit';
import { customElement, property, query } from 'lit/decorators.js';
import { shared } from '../styles/shared.js';

/**
 * A modal question on the native <dialog>: focus moves in and is trapped, Escape cancels, and the
 * browser gives focus back to the button that opened it. Cancel comes first and is focused first,
 * so a stray Enter never destroys anything.
 * The message is a property, not a slot, so it lives inside the <dialog> element itself.
 */
@customElement('m365-confirm-dialog')
export class M365ConfirmDialog extends LitElement {
  @property() heading = '';
  @property() confirmLabel = 'Confirm';
  /** What will happen, in words (a Lit template). */
  @property({ attribute: false }) message: unknown;
  @query('dialog') private _dialog!: HTMLDialogElement;
  private _resolve: ((confirmed: boolean) => void) | undefined;

  /** Opens the dialog; resolves true when the user confirms. */
  async ask(): Promise<boolean> {
    await this.updateComplete;
    this._dialog.showModal();
    return new Promise((resolve) => (this._resolve = resolve));
  }

  override render() {
    return html`<dialog aria-labelledby="heading" @close=${this._onClose}>
      <h2 id="heading">${this.heading}</h2>
      <div class="message">${this.message}</div>
      <form method="dialog" class="row">
        <button value="cancel" autofocus>Cancel</button>
        <button value="confirm" class="danger">${this.confirmLabel}</button>
      </form>
    </dialog>`;
  }

  private _onClose() {
    this._resolve?.(this._dialog.returnValue === 'confirm');
    this._resolve = undefined;
    this._dialog.returnValue = '';
  }

  static override styles = [
    shared,
    css`
      dialog {
        background: var(--m365-card); color: var(--m365-text); border: 1px solid var(--m365-outline);
        border-radius: var(--m365-radius); padding: var(--m365-space-4); width: min(32rem, calc(100vw - 2 * var(--m365-space-4)));
        max-height: calc(100vh - 2 * var(--m365-space-4)); overflow: auto;
      }
      dialog::backdrop { background: rgb(0 0 0 / 0.45); }
      form { justify-content: flex-end; margin-block-start: var(--m365-space-4); }
    `,
  ];
}

declare global {
  interface HTMLElementTagNameMap {
    'm365-confirm-dialog': M365ConfirmDialog;
  }
}
