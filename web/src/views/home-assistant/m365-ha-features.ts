import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { type ApiError, toApiError } from '../../api/client.js';
import { fetchHomeAssistant } from '../../api/home-assistant.js';
import type { HomeAssistantView } from '../../api/types.js';
import '../../components/m365-alert.js';
import '../../components/m365-diagnosis.js';
import { fire } from '../../events.js';
import { unavailableFeatures } from '../../home-assistant/texts.js';
import { shared } from '../../styles/shared.js';

/**
 * Which Home Assistant features the add-on could not use at the last check, what each one's absence
 * means, and that the rest keeps working. Renders nothing when all is well or in standalone mode.
 * @fires m365-announced - after "Check again"
 */
@customElement('m365-ha-features')
export class M365HaFeatures extends LitElement {
  /** The snapshot from /api/status. */
  @property({ attribute: false }) ha: HomeAssistantView | null | undefined;
  /** What is shown: the snapshot, or the fresher answer of "Check again" until a new snapshot comes. */
  @state() private _ha: HomeAssistantView | null | undefined;
  @state() private _checking = false;
  @state() private _error: ApiError | undefined;
  /** Set when "Check again" found everything back: the notice stays, saying so, until the next load. */
  @state() private _recovered = false;

  protected override willUpdate(changed: Map<string, unknown>): void {
    // Lit sets an object property on every parent render; only a different object is news.
    if (changed.has('ha')) this._ha = this.ha;
  }

  override render() {
    const missing = unavailableFeatures(this._ha);
    if (this._recovered && missing.length === 0) {
      return html`<section class="card ok" aria-labelledby="ha-heading">
        <h2 id="ha-heading" tabindex="-1">Home Assistant answers again</h2>
        <p>Every Home Assistant feature the add-on uses is available.</p></section>`;
    }
    if (missing.length === 0 && !this._error) return nothing;
    return html`<section class="card" aria-labelledby="ha-heading">
      <h2 id="ha-heading" tabindex="-1">Some Home Assistant features are unavailable</h2>
      <p>Home Assistant (its Supervisor) did not answer every question of the add-on. Everything else keeps working: accounts, tokens for other add-ons and paste-back sign-in do not need it.</p>
      <ul class="features">
        ${missing.map((f) => html`<li><strong>${f.name}</strong>${f.message ? html` — <span class="why">${f.message}</span>` : nothing}
          <br /><span class="secondary">${f.without}</span></li>`)}
      </ul>
      <button type="button" aria-disabled=${this._checking ? 'true' : 'false'} @click=${this._onCheck}>Check Home Assistant again</button>
      <p class="secondary" role="status">${this._checking ? 'Checking Home Assistant…' : ''}</p>
      ${this._error ? html`<m365-diagnosis live .error=${this._error}></m365-diagnosis>` : nothing}
    </section>`;
  }

  /** The button stays enabled while checking: disabling it would drop the keyboard focus. */
  private async _onCheck() {
    if (this._checking) return;
    this._checking = true;
    this._error = undefined;
    try {
      this._ha = await fetchHomeAssistant({ fresh: true });
      const left = unavailableFeatures(this._ha).length;
      this._recovered = left === 0;
      fire(this, 'm365-announced', {
        message: left ? `Home Assistant checked: ${left === 1 ? 'one feature is' : `${left} features are`} still unavailable.` : 'Home Assistant checked: every feature is available again.',
      });
    } catch (error) {
      this._error = toApiError(error);
    } finally {
      this._checking = false;
    }
    // The button may be gone (everything is back): focus stays in the notice instead of the page's start.
    await this.updateComplete;
    if (this._recovered) this.renderRoot.querySelector<HTMLElement>('h2')?.focus();
  }

  static override styles = [
    shared,
    css`
      :host { display: block; }
      .card { border-inline-start: 4px solid var(--m365-warning-text); }
      .card.ok { border-inline-start-color: var(--m365-success-text); }
      .features li { margin-block-end: var(--m365-space-2); }
      .why { overflow-wrap: anywhere; }
    `,
  ];
}

declare global {
  interface HTMLElementTagNameMap {
    'm365-ha-features': M365HaFeatures;
  }
}
