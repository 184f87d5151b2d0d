import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { ApiError } from '../api/client.js';
import type { SignInClosed } from '../controllers/sign-in-flow.js';
import { fire } from '../events.js';
import { shared } from '../styles/shared.js';
import './m365-alert.js';
import './m365-diagnosis.js';

const HEADINGS: Record<SignInClosed, string> = {
  failed: 'This sign-in failed',
  expired: 'This sign-in expired',
  used: 'This sign-in is already finished',
};

const WHAT_HAPPENED: Record<SignInClosed, string> = {
  failed: 'Microsoft did not give this sign-in a usable code, so it cannot be finished.',
  expired: 'It was not finished within 10 minutes of starting, so Microsoft’s answer to it can no longer be used.',
  used: 'An address from it was already pasted, so it cannot be used a second time.',
};

/**
 * A sign-in that can no longer be finished (failed, expired or already used): what happened, and the
 * one way on. Its link and paste box are gone, so nobody follows a spent link or pastes into it again.
 * @fires m365-sign-in-restart
 */
@customElement('m365-sign-in-closed')
export class M365SignInClosed extends LitElement {
  @property() closed: SignInClosed = 'failed';
  /** The refusal that closed it; Microsoft's diagnosis is shown in full. */
  @property({ attribute: false }) error: ApiError | undefined;

  override render() {
    const error = this.error;
    const gone = 'Its sign-in link and paste box are no longer shown: each sign-in can be used once.';
    // Microsoft's refusal is the whole story, told by the diagnosis; otherwise say what happened here.
    const story = error?.diagnosis
      ? html`<m365-diagnosis live here="sign_in" .error=${error}></m365-diagnosis><p><strong>${HEADINGS[this.closed]}.</strong> ${gone}</p>`
      : html`<m365-alert kind=${this.closed === 'failed' ? 'error' : 'warning'} live heading=${HEADINGS[this.closed]}>
          <p>${WHAT_HAPPENED[this.closed]} ${gone}</p>
          ${error ? html`<p class="secondary">${error.message}</p>` : nothing}
        </m365-alert>`;
    return html`${story}
      <p class="restart"><button type="button" class="primary" @click=${() => fire(this, 'm365-sign-in-restart', {})}>Start a new sign-in</button></p>`;
  }

  static override styles = [shared, css`:host { display: block; } .restart { margin-block: var(--m365-space-4) 0; }`];
}

declare global {
  interface HTMLElementTagNameMap {
    'm365-sign-in-closed': M365SignInClosed;
  }
}
