import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { AccountView } from '../api/types.js';
import { fire } from '../events.js';
import { cloudLabel, formatDateTime } from '../format.js';
import { shared } from '../styles/shared.js';
import { PERSONAL_TENANT_ID } from './m365-scope-compare.js';
import './m365-alert.js';

/**
 * One signed-in account: status, cloud, tenant, permissions, last refresh, and its two actions.
 * @fires m365-remove-requested
 */
@customElement('m365-account-card')
export class M365AccountCard extends LitElement {
  @property({ attribute: false }) account: AccountView | undefined;
  @property() appName = '';
  /** Hides the actions a non-admin may not take. */
  @property({ type: Boolean }) readOnly = false;

  override render() {
    const a = this.account;
    if (!a) return nothing;
    const ok = a.status === 'ok';
    const name = a.display_name ?? a.username;
    return html`<article class="card" aria-labelledby="name">
      <h2 id="name">${name}</h2>
      ${a.display_name ? html`<p class="secondary">${a.username}</p>` : nothing}
      <p class="status ${ok ? 'ok' : 'bad'}"><span aria-hidden="true">${ok ? '✓' : '!'}</span> Status: ${ok ? 'Working' : 'Needs sign-in'}</p>
      ${a.status_detail ? html`<m365-alert kind="error" .heading=${a.status_detail.title}>
          <p>${a.status_detail.fix}</p>${a.status_detail.aadsts ? html`<p>Microsoft error code: <span class="mono">AADSTS${a.status_detail.aadsts}</span></p>` : nothing}</m365-alert>` : nothing}
      <dl>
        <dt>Cloud</dt><dd>${cloudLabel(a.cloud)}</dd>
        <dt>Tenant</dt><dd><span class="mono">${a.tenant_id}</span>${a.tenant_id === PERSONAL_TENANT_ID ? ' (personal account)' : ''}</dd>
        <dt>App</dt><dd>${this.appName || a.app_registration_id}</dd>
        <dt>Last refresh</dt><dd>${formatDateTime(a.last_refresh_at)}</dd>
        <dt>Signed in</dt><dd>${formatDateTime(a.signed_in_at)}</dd>
      </dl>
      <h3 id="scopes">Permissions granted</h3>
      <ul class="chips" aria-labelledby="scopes">${a.granted_scopes.map((s) => html`<li>${s}</li>`)}</ul>
      <div class="row actions" ?hidden=${this.readOnly}>
        <a class="button ${ok ? '' : 'primary'}" href=${`#/sign-in?account=${encodeURIComponent(a.id)}`}>Sign in again<span class="visually-hidden"> as ${name}</span></a>
        <button type="button" class="danger" @click=${this._onRemove}>Remove<span class="visually-hidden"> ${name}</span></button>
      </div>
    </article>`;
  }

  private _onRemove() {
    if (this.account) fire(this, 'm365-remove-requested', { accountId: this.account.id });
  }

  static override styles = [
    shared,
    css`
      :host { display: block; }
      h2 { margin-block-end: 0; overflow-wrap: anywhere; }
      .status { font-weight: 500; margin-block: var(--m365-space-2); }
      .status.ok { color: var(--m365-success-text); }
      .status.bad { color: var(--m365-error-text); }
      .actions { margin-block-start: var(--m365-space-4); }
    `,
  ];
}

declare global {
  interface HTMLElementTagNameMap {
    'm365-account-card': M365AccountCard;
  }
}
