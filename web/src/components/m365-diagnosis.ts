import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { isPrerequisiteStep, prerequisiteStepHref, prerequisiteStepLabel } from '../../../shared/prerequisite-steps.js';
import type { ApiError } from '../api/client.js';
import { shared } from '../styles/shared.js';
import './m365-alert.js';

/**
 * A failure as the user should see it: what went wrong, the fix, a link to the guide step that
 * fixes it, and Microsoft's AADSTS number. Microsoft's own text is shown as plain text: Lit escapes
 * interpolated strings, and this element never renders markup from the server.
 */
@customElement('m365-diagnosis')
export class M365Diagnosis extends LitElement {
  @property({ attribute: false }) error: ApiError | undefined;
  /** Announce on appearance (for results of an action the user just took). */
  @property({ type: Boolean }) live = false;
  /**
   * The step the page showing this already is (e.g. `sign_in` on a sign-in): no link to it, since it
   * would open the page the user is on; its own action ("Start a new sign-in") is the way on.
   */
  @property() here: string | undefined;

  override render() {
    const error = this.error;
    if (!error) return nothing;
    const diagnosis = error.diagnosis;
    const title = diagnosis?.title ?? error.message;
    const fix = diagnosis?.fix ?? error.fix;
    const aadsts = diagnosis?.aadsts ?? error.aadsts;
    const step = diagnosis?.step;
    return html`<m365-alert kind="error" .heading=${title} ?live=${this.live}>
      ${fix ? html`<p><strong>How to fix it:</strong> ${fix}</p>` : nothing}
      ${isPrerequisiteStep(step) && step !== this.here
        ? html`<p><a href=${prerequisiteStepHref(step)}>Open ${prerequisiteStepLabel(step)}</a></p>`
        : nothing}
      ${aadsts !== undefined ? html`<p>Microsoft error code: <strong class="mono">AADSTS${aadsts}</strong></p>` : nothing}
      ${diagnosis?.microsoft_message
        ? html`<p class="microsoft">Microsoft’s message: <span class="quote">${diagnosis.microsoft_message}</span></p>`
        : nothing}
    </m365-alert>`;
  }

  static override styles = [
    shared,
    css`
      :host { display: block; }
      .quote { font-style: italic; overflow-wrap: anywhere; }
      p:last-child { margin-block-end: 0; }
    `,
  ];
}

declare global {
  interface HTMLElementTagNameMap {
    'm365-diagnosis': M365Diagnosis;
  }
}
