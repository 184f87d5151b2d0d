import { LitElement, css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { fire } from '../events.js';
import { shared } from '../styles/shared.js';

/**
 * One numbered step of the prerequisites guide: a heading that opens and closes it (a native
 * button with aria-expanded), the step's content, and a "done" tick the guide remembers.
 * @slot - the step's instructions and fields
 * @fires m365-step-toggled
 * @fires m365-step-done-changed
 */
@customElement('m365-guide-step')
export class M365GuideStep extends LitElement {
  @property() step = '';
  @property({ type: Number }) number = 1;
  @property() heading = '';
  @property({ type: Boolean, reflect: true }) open = false;
  @property({ type: Boolean }) done = false;
  /** Steps with fields tick themselves when their fields are valid; the box is then read-only. */
  @property({ type: Boolean }) automatic = false;

  /** Moves keyboard focus to the step's heading button (used by deep links from diagnoses). */
  focusHeading(): void {
    this.renderRoot.querySelector<HTMLButtonElement>('button.toggle')?.focus();
  }

  override render() {
    return html`<section class="card ${this.done ? 'is-done' : ''}" aria-labelledby="title">
      <h2>
        <button class="toggle" type="button" aria-expanded=${this.open ? 'true' : 'false'} aria-controls="content" @click=${this._onToggle}>
          <span class="number" aria-hidden="true">${this.done ? '✓' : this.number}</span>
          <span id="title">Step ${this.number}: ${this.heading}</span>
          <span class="visually-hidden">${this.done ? '(done)' : ''}</span>
        </button>
      </h2>
      <div id="content" ?hidden=${!this.open}>
        <slot></slot>
        <div class="footer">
          <label class="choice">
            <input type="checkbox" .checked=${this.done} ?disabled=${this.automatic} @change=${this._onDone} />
            <span>Step ${this.number} done${this.automatic ? ' (ticks itself when the fields above are right)' : ''}</span>
          </label>
          ${this.automatic && this.done
            ? html`<button type="button" class="primary" @click=${this._onNext}>Continue with step ${this.number + 1}</button>`
            : ''}
        </div>
      </div>
    </section>`;
  }

  private _onToggle() {
    fire(this, 'm365-step-toggled', { step: this.step, open: !this.open });
  }

  private _onNext() {
    fire(this, 'm365-step-done-changed', { step: this.step, done: true });
  }

  private _onDone(event: Event) {
    fire(this, 'm365-step-done-changed', { step: this.step, done: (event.target as HTMLInputElement).checked });
  }

  static override styles = [
    shared,
    css`
      :host { display: block; }
      h2 { margin: 0; font-size: 1.1rem; }
      .toggle {
        width: 100%; justify-content: flex-start; text-align: start; border: none; border-radius: var(--m365-radius-small);
        color: var(--m365-text); padding: var(--m365-space-1); font-size: inherit; font-weight: 500;
      }
      .number {
        flex: none; width: 2rem; height: 2rem; border-radius: 50%; display: grid; place-items: center;
        background: var(--m365-primary); color: var(--m365-on-primary); font-size: 0.95rem;
      }
      .is-done .number { background: var(--m365-success-text); color: var(--m365-card); }
      #content { padding-block-start: var(--m365-space-3); }
      .footer { border-block-start: 1px solid var(--m365-divider); padding-block-start: var(--m365-space-3); display: flex; flex-wrap: wrap; gap: var(--m365-space-2) var(--m365-space-4); align-items: center; justify-content: space-between; }
      .footer .choice { margin: 0; font-weight: 500; }
    `,
  ];
}

declare global {
  interface HTMLElementTagNameMap {
    'm365-guide-step': M365GuideStep;
  }
}
