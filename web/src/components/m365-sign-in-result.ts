import { LitElement, css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { SignInResult } from '../api/types.js';
import { cloudLabel } from '../format.js';
import { shared } from '../styles/shared.js';
import './m365-alert.js';
import './m365-capability-check.js';
import './m365-scope-compare.js';

/** What a finished sign-in produced: the account and its permissions. */
@customElement('m365-sign-in-result')
export class M365SignInResult extends LitElement {
  @property({ attribute: false }) result: SignInResult | undefined;

  override render() {
    const result = this.result;
    if (!result) return html``;
    const account = result.account;
    const name = account.display_name ? `${account.display_name} (${account.username})` : account.username;
    return html`<m365-alert kind=${result.missing_scopes.length ? 'warning' : 'success'} live heading=${`Signed in as ${name}`}>
        <p>${result.missing_scopes.length ? 'The account is saved, but some permissions are missing (below).' : 'The account is saved with every permission requested.'}</p>
      </m365-alert>
      <dl>
        <dt>Account</dt><dd>${account.username}</dd>
        <dt>Tenant</dt><dd class="mono">${account.tenant_id}</dd>
        <dt>Cloud</dt><dd>${cloudLabel(account.cloud)}</dd>
      </dl>
      <h2>Permissions</h2>
      <m365-scope-compare .requested=${result.requested_scopes} .granted=${result.granted_scopes} .missing=${result.missing_scopes}
        tenantId=${account.tenant_id}></m365-scope-compare>
      <h2>What works</h2>
      ${result.capabilities
        ? html`<m365-capability-check .report=${result.capabilities}></m365-capability-check>`
        : html`<p>The add-on could not check what works right now; use “Check what works” on the account later.</p>`}
      <p><a class="button primary" href="#/accounts">Go to accounts</a></p>`;
  }

  static override styles = [shared, css`:host { display: block; }`];
}

declare global {
  interface HTMLElementTagNameMap {
    'm365-sign-in-result': M365SignInResult;
  }
}
