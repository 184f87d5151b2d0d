import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { isWorkOnlyScope, needsAdminConsent } from '../../../shared/ms365-permissions.js';
import { shared } from '../styles/shared.js';
import './m365-alert.js';

/** The tenant Microsoft gives every personal account. */
export const PERSONAL_TENANT_ID = '9188040d-6c67-4c5b-b112-36a304b66dad';
const OIDC = new Set(['openid', 'profile', 'offline_access', 'email']);

/** Requested and granted permissions side by side, missing ones marked in words, with what to do. */
@customElement('m365-scope-compare')
export class M365ScopeCompare extends LitElement {
  @property({ attribute: false }) requested: string[] = [];
  @property({ attribute: false }) granted: string[] = [];
  @property({ attribute: false }) missing: string[] = [];
  @property() tenantId = '';

  override render() {
    const missing = new Set(this.missing.map((s) => s.toLowerCase()));
    const requested = this.requested.filter((s) => !OIDC.has(s.toLowerCase()));
    return html`<div class="columns">
        <section aria-labelledby="req">
          <h3 id="req">Requested (${requested.length})</h3>
          <ul>${requested.map((s) => missing.has(s.toLowerCase())
            ? html`<li class="missing"><span class="mono">${s}</span> <strong>✗ missing</strong></li>`
            : html`<li><span class="mono">${s}</span> <span class="ok">✓ granted</span></li>`)}</ul>
        </section>
        <section aria-labelledby="gr">
          <h3 id="gr">Granted (${this.granted.length})</h3>
          <ul>${this.granted.map((s) => html`<li><span class="mono">${s}</span></li>`)}</ul>
        </section>
      </div>
      ${this.missing.length ? this._renderAdvice() : nothing}`;
  }

  private _renderAdvice() {
    const personal = this.tenantId === PERSONAL_TENANT_ID;
    return html`<m365-alert kind="warning" heading=${`Microsoft did not grant ${this.missing.length} of the requested permissions`}>
      <ul>${this.missing.map((scope) => html`<li><span class="mono">${scope}</span>: ${this._adviceFor(scope, personal)}</li>`)}</ul>
      <p>Features that need them will not work until you fix this and <a href="#/sign-in">sign in again</a>.</p>
    </m365-alert>`;
  }

  private _adviceFor(scope: string, personal: boolean) {
    if (personal && isWorkOnlyScope(scope)) return 'personal Microsoft accounts cannot have it; turn off the option that needs it (guide step 7).';
    if (needsAdminConsent(scope)) return html`needs an administrator’s consent: ask your admin to click Grant admin consent under API permissions, or drop the option (<a href="#/guide/api_permissions">step 7</a>).`;
    return html`add it in the Entra portal under API permissions (<a href="#/guide/api_permissions">step 7</a>), wait a few minutes, then sign in again and accept it.`;
  }

  static override styles = [
    shared,
    css`
      :host { display: block; }
      .columns { display: grid; grid-template-columns: repeat(auto-fit, minmax(min(100%, 150px), 1fr)); gap: var(--m365-space-4); }
      ul { list-style: none; padding: 0; }
      li { padding-block: 2px; overflow-wrap: anywhere; }
      .missing strong { color: var(--m365-error-text); white-space: nowrap; }
      .ok { color: var(--m365-success-text); white-space: nowrap; }
      m365-alert ul { list-style: disc; padding-inline-start: 1.2em; }
    `,
  ];
}

declare global {
  interface HTMLElementTagNameMap {
    'm365-scope-compare': M365ScopeCompare;
  }
}
