import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { type ApiError, toApiError } from '../../api/client.js';
import { fetchHomeAssistant, restartHomeAssistant } from '../../api/home-assistant.js';
import type { InternetRedirectView } from '../../api/types.js';
import '../../components/m365-alert.js';
import type { M365ConfirmDialog } from '../../components/m365-confirm-dialog.js';
import '../../components/m365-confirm-dialog.js';
import '../../components/m365-copy-field.js';
import '../../components/m365-diagnosis.js';
import { PollController } from '../../controllers/poll-controller.js';
import { fire } from '../../events.js';
import { REDIRECT_STATES, UNSETTLED_STATES } from '../../home-assistant/texts.js';
import { shared } from '../../styles/shared.js';

/** Home Assistant's answer changes slowly (a restart takes a minute); every few seconds is plenty. */
const CHECK_INTERVAL_MS = 3000;

/**
 * The internet redirect through Home Assistant's /local/ page: whether it works now and why not,
 * the redirect URI to register, and, for an administrator, restarting HA when it must serve the
 * page. Keeps asking while the state is about to change, and says so in a live region.
 * @fires m365-redirect-changed - when the state or the redirect URI changed
 */
@customElement('m365-internet-redirect')
export class M365InternetRedirect extends LitElement {
  /** The snapshot from /api/status; the element asks again while it is unsettled. */
  @property({ attribute: false }) redirect: InternetRedirectView | undefined;
  /** What is shown: the snapshot, or a fresher answer until the parent passes a new snapshot. */
  @state() private _view: InternetRedirectView | undefined;
  /** A non-admin sees the state but not the restart button. */
  @property({ type: Boolean }) readOnly = false;
  @state() private _restarting = false;
  @state() private _error: ApiError | undefined;
  @query('m365-confirm-dialog') private _confirm!: M365ConfirmDialog;
  private readonly _poll = new PollController(this, CHECK_INTERVAL_MS);

  protected override willUpdate(changed: Map<string, unknown>): void {
    // Lit sets an object property on every parent render; only a different object is news.
    if (changed.has('redirect')) this._view = this.redirect;
    if (!changed.has('_view') && !changed.has('redirect')) return;
    const previous = changed.get('_view') as InternetRedirectView | undefined;
    if (!this._view) return;
    if (UNSETTLED_STATES.has(this._view.state)) {
      // A new poll only when the state starts being unsettled, not on every answer it brings.
      if (!previous || !UNSETTLED_STATES.has(previous.state)) this._poll.start((signal) => this._check(signal));
    } else {
      this._poll.stop();
    }
  }

  override render() {
    const view = this._view;
    if (!view) return nothing;
    const look = REDIRECT_STATES[view.state] ?? REDIRECT_STATES.checking;
    return html`<section aria-labelledby="ir-title">
      <p class="title" id="ir-title" tabindex="-1">Internet redirect through Home Assistant</p>
      <div role="status">
        <m365-alert kind=${look.kind} .heading=${look.heading}>
          <p>${view.message}</p>
          ${view.fix ? html`<p><strong>What to do:</strong> ${view.fix}</p>` : nothing}
        </m365-alert>
      </div>
      ${view.redirect_uri ? html`<m365-copy-field label="Redirect URI" .value=${view.redirect_uri}></m365-copy-field>
        <p class="hint">Register it in your app registration under Authentication → Web.</p>` : nothing}
      ${view.can_restart && !this.readOnly
        ? html`<button type="button" class="primary" aria-disabled=${this._restarting ? 'true' : 'false'} @click=${this._onRestart}>Restart Home Assistant</button>`
        : nothing}
      ${view.can_restart && this.readOnly ? html`<p class="hint">Only a Home Assistant administrator can restart it.</p>` : nothing}
      ${this._error ? html`<m365-diagnosis live .error=${this._error}></m365-diagnosis>` : nothing}
      <m365-confirm-dialog heading="Restart Home Assistant?" confirmLabel="Restart Home Assistant" .message=${html`
        <p>Home Assistant stops for a minute or two: automations pause and dashboards, this panel included, reconnect when it is back.</p>
        <p>Afterwards it serves the sign-in page under /local/, and the internet redirect works.</p>`}></m365-confirm-dialog>
    </section>`;
  }

  /** One look at Home Assistant; true once there is nothing left to wait for. */
  private async _check(signal: AbortSignal): Promise<boolean> {
    this._apply((await fetchHomeAssistant({ signal })).internet_redirect);
    return !UNSETTLED_STATES.has(this._view?.state ?? 'ready');
  }

  private _apply(next: InternetRedirectView) {
    const before = this._view;
    this._view = next;
    if (before?.state !== next.state || before?.redirect_uri !== next.redirect_uri) fire(this, 'm365-redirect-changed', { redirect: next });
  }

  /** Not disabled while asking: a disabled button would drop the keyboard focus if HA refuses. */
  private async _onRestart() {
    if (this._restarting || !(await this._confirm.ask())) return;
    this._restarting = true;
    this._error = undefined;
    try {
      await restartHomeAssistant();
      if (this._view) this._apply({ ...this._view, state: 'restarting', can_restart: false, message: 'Home Assistant is restarting; the sign-in page will be served once it is back.', fix: null });
      // The button goes away with the restart: focus moves to the section, not to the page's start.
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('#ir-title')?.focus();
    } catch (error) {
      this._error = toApiError(error);
    } finally {
      this._restarting = false;
    }
  }

  static override styles = [
    shared,
    css`
      :host { display: block; margin-block: var(--m365-space-3); }
      .title { font-weight: 500; margin-block-end: 0; }
      .hint { margin-block-end: var(--m365-space-3); }
      button { margin-block-end: var(--m365-space-3); }
    `,
  ];
}

declare global {
  interface HTMLElementTagNameMap {
    'm365-internet-redirect': M365InternetRedirect;
  }
}
