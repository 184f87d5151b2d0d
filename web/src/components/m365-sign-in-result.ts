import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { SignInResult } from '../api/types.js';
import { fire } from '../events.js';
import { cloudLabel } from '../format.js';
import { shared } from '../styles/shared.js';
import './m365-alert.js';
import './m365-capability-check.js';
import './m365-scope-compare.js';

/**
 * What a finished sign-in produced: the account and its permissions, and a warning first when
 * "sign in again" came back as another account.
 * @fires m365-sign-in-restart
 */
@customElement('m365-sign-in-result')
export class M365SignInResult extends LitElement {
  @property({ attribute: false }) result: SignInResult | undefined;

  override render() {
    const result = this.result;
    if (!result) return html``;
    const account = result.account;
    const name = account.display_name ? `${account.display_name} (${account.username})` : account.username;
    const different = result.different_account;
    return html`${different
        ? html`<m365-alert kind="warning" live heading=${`You signed in as ${account.username}, not ${different.expected_username}`}>
            <p>Microsoft sent back another account than the one you were signing in again. ${account.username} is saved as an account of its own;
              ${different.expected_username} still needs signing in.</p>
            <p>If you did not mean to add ${account.username}, remove it on the <a href="#/accounts">Accounts</a> page.</p>
            <p><button type="button" class="primary" @click=${() => fire(this, 'm365-sign-in-restart', {})}>Sign in again as ${different.expected_username}</button></p>
          </m365-alert>`
        : nothing}
      <m365-alert kind=${result.missing_scopes.length ? 'warning' : 'success'} live heading=${`Signed in as ${name}`}>
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
      <p><a class=${different ? 'button' : 'button primary'} href="#/accounts">Go to accounts</a></p>`;
  }

  static override styles = [shared, css`:host { display: block; }`];
}

declare global {
  interface HTMLElementTagNameMap {
    'm365-sign-in-result': M365SignInResult;
  }
}
