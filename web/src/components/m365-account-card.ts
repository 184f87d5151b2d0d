import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { AccountView } from '../api/types.js';
import { fire } from '../events.js';
import { cloudLabel, formatDateTime } from '../format.js';
import { NEXT_REFRESH_REASONS, REFRESH_STATES, days, refreshTokenWindow } from '../health/token-health.js';
import { shared } from '../styles/shared.js';
import { checkAccountCapabilities } from '../api/capabilities.js';
import { PERSONAL_TENANT_ID } from './m365-scope-compare.js';
import './m365-alert.js';
import './m365-capability-check.js';

/**
 * One signed-in account: its refresh health (working, retrying, needs sign-in, app refused), last
 * and next refresh, the refresh token's 90-day window, what uses it, and its two actions.
 * @fires m365-remove-requested
 */
@customElement('m365-account-card')
export class M365AccountCard extends LitElement {
  @property({ attribute: false }) account: AccountView | undefined;
  @property() appName = '';
  /** "Used by the MS365 Calendar entry Family", one line each. */
  @property({ attribute: false }) usedBy: string[] = [];
  /** Hides the actions a non-admin may not take. */
  @property({ type: Boolean }) readOnly = false;

  override render() {
    const a = this.account;
    if (!a) return nothing;
    const state = a.refresh?.state ?? (a.status === 'ok' ? 'ok' : 'needs_sign_in');
    const look = REFRESH_STATES[state];
    const name = a.display_name ?? a.username;
    return html`<article class="card" aria-labelledby="name">
      <h2 id="name">${name}</h2>
      ${a.display_name ? html`<p class="secondary">${a.username}</p>` : nothing}
      ${this.usedBy.length ? html`<ul class="used-by">${this.usedBy.map((text) => html`<li>${text}</li>`)}</ul>` : nothing}
      <p class="status ${look.tone}"><span aria-hidden="true">${look.icon}</span> Status: ${look.label}</p>
      ${this._renderProblem(a)}
      <dl>
        <dt>Cloud</dt><dd>${cloudLabel(a.cloud)}</dd>
        <dt>Tenant</dt><dd><span class="mono">${a.tenant_id}</span>${a.tenant_id === PERSONAL_TENANT_ID ? ' (personal account)' : ''}</dd>
        <dt>App</dt><dd>${this.appName || a.app_registration_id}</dd>
        <dt>Signed in</dt><dd>${formatDateTime(a.signed_in_at)}</dd>
        <dt>Last refresh</dt><dd>${formatDateTime(a.last_refresh_at)}</dd>
        <dt>Next refresh</dt><dd>${this._nextRefresh(a)}</dd>
        ${a.refresh_token_age_seconds === undefined ? nothing : this._renderWindow(a.refresh_token_age_seconds, state === 'needs_sign_in')}
      </dl>
      <h3 id="scopes">Permissions granted</h3>
      <ul class="chips" aria-labelledby="scopes">${a.granted_scopes.map((s) => html`<li>${s}</li>`)}</ul>
      ${this.readOnly ? nothing : html`<m365-capability-check subject=${name} .run=${() => checkAccountCapabilities(a.id)}></m365-capability-check>`}
      <div class="row actions" ?hidden=${this.readOnly}>
        <a class="button ${state === 'needs_sign_in' ? 'primary' : ''}" href=${`#/sign-in?account=${encodeURIComponent(a.id)}`}>Sign in again<span class="visually-hidden"> as ${name}</span></a>
        <button type="button" class="danger" @click=${this._onRemove}>Remove<span class="visually-hidden"> ${name}</span></button>
      </div>
    </article>`;
  }

  /** Why the account does not work, and what to do; Microsoft's words stay plain text. */
  private _renderProblem(a: AccountView) {
    const detail = a.status_detail;
    if (a.status === 'needs_sign_in' || detail) {
      return html`<m365-alert kind="error" .heading=${detail?.title ?? 'Microsoft no longer accepts this account’s sign-in'}>
        <p><strong>How to fix it:</strong> ${detail?.fix ?? 'Sign in again with the same account.'} ${this.readOnly ? 'An administrator must do it.' : ''}</p>
        ${detail?.aadsts ? html`<p>Microsoft error code: <span class="mono">AADSTS${detail.aadsts}</span></p>` : nothing}
        ${detail?.since ? html`<p class="secondary">Since ${formatDateTime(detail.since)}. Consumers get no tokens for this account until then; the add-on stopped asking Microsoft.</p>` : nothing}
      </m365-alert>`;
    }
    const refresh = a.refresh;
    if (refresh?.state === 'configuration_problem') {
      return html`<m365-alert kind="error" heading="Microsoft refused the app registration"><p>See the app registration below for the fix. Tokens already issued keep working until they expire.</p></m365-alert>`;
    }
    if (refresh?.state === 'retrying') {
      const failure = refresh.last_failure;
      return html`<m365-alert kind="warning" .heading=${failure?.title ?? 'The last refresh failed'}>
        <p>The add-on tries again ${refresh.next_attempt_at ? `at ${formatDateTime(refresh.next_attempt_at)}` : 'soon'} (${refresh.consecutive_failures} failed ${refresh.consecutive_failures === 1 ? 'attempt' : 'attempts'}). Tokens that are still valid keep being served.</p>
        ${failure?.fix ? html`<p>${failure.fix}</p>` : nothing}
      </m365-alert>`;
    }
    return nothing;
  }

  private _nextRefresh(a: AccountView) {
    if (!a.next_refresh_at) return a.status === 'needs_sign_in' ? 'none until you sign in again' : 'not planned';
    const reason = a.next_refresh_reason ? NEXT_REFRESH_REASONS[a.next_refresh_reason] : undefined;
    return `${formatDateTime(a.next_refresh_at)}${reason ? ` (${reason})` : ''}`;
  }

  private _renderWindow(ageSeconds: number, dead: boolean) {
    const { ageDays, daysLeft } = refreshTokenWindow(ageSeconds);
    return html`<dt>Refresh token</dt><dd>${days(ageDays)} old${dead ? '' : html`, <strong>${daysLeft}</strong> of 90 days left`}
      <br /><span class="secondary small">Microsoft ends a sign-in not refreshed for 90 days; the add-on refreshes every account at least weekly.</span></dd>`;
  }

  private _onRemove() {
    if (this.account) fire(this, 'm365-remove-requested', { accountId: this.account.id });
  }

  static override styles = [
    shared,
    css`
      :host { display: block; }
      h2 { margin-block-end: 0; overflow-wrap: anywhere; }
      .used-by { list-style: none; padding: 0; margin-block: var(--m365-space-1) 0; color: var(--m365-text-secondary); }
      .status { font-weight: 500; margin-block: var(--m365-space-2); }
      .status.ok { color: var(--m365-success-text); }
      .status.warn { color: var(--m365-warning-text); }
      .status.bad { color: var(--m365-error-text); }
      .small { font-size: 0.85rem; }
      .actions { margin-block-start: var(--m365-space-4); }
    `,
  ];
}

declare global {
  interface HTMLElementTagNameMap {
    'm365-account-card': M365AccountCard;
  }
}
