import { LitElement, css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { shared } from '../styles/shared.js';

export type AlertKind = 'info' | 'warning' | 'error' | 'success';

const LABELS: Record<AlertKind, string> = { info: 'Note', warning: 'Warning', error: 'Error', success: 'Done' };
const ICONS: Record<AlertKind, string> = { info: 'i', warning: '!', error: '×', success: '✓' };

/**
 * A coloured box with an icon and a word for its kind, so colour is never the only cue.
 * With `live`, it is announced when it appears (role alert for errors, status otherwise).
 * @slot - the message
 */
@customElement('m365-alert')
export class M365Alert extends LitElement {
  @property() kind: AlertKind = 'info';
  @property() heading = '';
  @property({ type: Boolean }) live = false;

  protected override willUpdate(): void {
    // The role sits on the host so the slotted message is inside the live region in the flat tree.
    if (this.live) this.setAttribute('role', this.kind === 'error' ? 'alert' : 'status');
    else this.removeAttribute('role');
  }

  override render() {
    return html`<div class="alert ${this.kind}">
      <span class="icon" aria-hidden="true">${ICONS[this.kind]}</span>
      <div class="body">
        ${this.heading
          ? html`<p class="heading"><span class="visually-hidden">${LABELS[this.kind]}: </span>${this.heading}</p>`
          : html`<span class="visually-hidden">${LABELS[this.kind]}: </span>`}
        <slot></slot>
      </div>
    </div>`;
  }

  static override styles = [
    shared,
    css`
      :host { display: block; margin-block: var(--m365-space-3); }
      .alert { display: flex; gap: var(--m365-space-3); padding: var(--m365-space-3); border-radius: var(--m365-radius-small); border-inline-start: 4px solid; }
      .icon { flex: none; width: 1.5em; height: 1.5em; border-radius: 50%; display: grid; place-items: center; font-weight: 700; border: 2px solid; }
      .body { min-width: 0; flex: 1; }
      .heading { font-weight: 500; margin-block-end: var(--m365-space-1); }
      .info { background: var(--m365-info-surface); border-color: var(--m365-info-text); }
      .info .icon { color: var(--m365-info-text); }
      .warning { background: var(--m365-warning-surface); border-color: var(--m365-warning-text); }
      .warning .icon { color: var(--m365-warning-text); }
      .error { background: var(--m365-error-surface); border-color: var(--m365-error-text); }
      .error .icon { color: var(--m365-error-text); }
      .success { background: var(--m365-success-surface); border-color: var(--m365-success-text); }
      .success .icon { color: var(--m365-success-text); }
      ::slotted(p:last-child) { margin-block-end: 0; }
    `,
  ];
}

declare global {
  interface HTMLElementTagNameMap {
    'm365-alert': M365Alert;
  }
}
