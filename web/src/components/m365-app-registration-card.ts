import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { ApiError } from '../api/client.js';
import type { AppRegistrationView } from '../api/types.js';
import { fire } from '../events.js';
import { cloudLabel, formatDateTime } from '../format.js';
import { checkExpiryInput, checkSecretInput, latestSecretExpiry } from '../guide/validate.js';
import { secretExpiryNotice, secretFix } from '../health/token-health.js';
import { shared } from '../styles/shared.js';
import './m365-alert.js';
import './m365-diagnosis.js';

/**
 * One saved app registration: what it is, what uses it, how close its client secret is to expiring,
 * any refusal from Microsoft with the fix, and (for an administrator) replacing the secret, renaming
 * it and deleting it once no account uses it.
 * @fires m365-secret-replaced
 * @fires m365-app-renamed
 * @fires m365-app-delete-requested
 */
@customElement('m365-app-registration-card')
export class M365AppRegistrationCard extends LitElement {
  @property({ attribute: false }) app: AppRegistrationView | undefined;
  @property({ attribute: false }) usedBy: string[] = [];
  /** Usernames of the accounts signed in with it: while there are any, it cannot be deleted. */
  @property({ attribute: false }) accounts: string[] = [];
  @property({ type: Boolean }) readOnly = false;
  @property({ type: Boolean }) busy = false;
  /** The service's refusal of the last replacement, shown under the form. */
  @property({ attribute: false }) error: ApiError | undefined;
  @state() private _secret = '';
  @state() private _expires = '';
  @state() private _name: string | undefined;

  /** Empties the form after the service accepted the new secret: it leaves memory at once. */
  reset(): void {
    this._secret = '';
    this._expires = '';
    this._name = undefined;
  }

  override render() {
    const app = this.app;
    if (!app) return nothing;
    const notice = secretExpiryNotice(app.secret_expiry);
    const problem = app.configuration_problem;
    return html`<article aria-labelledby="app-name">
      <h3 id="app-name">${app.display_name}</h3>
      ${this.usedBy.length ? html`<ul class="used-by">${this.usedBy.map((text) => html`<li>${text}</li>`)}</ul>` : nothing}
      <p><span class="mono">${app.client_id}</span>, ${cloudLabel(app.cloud)}, tenant ${app.tenant}.
        Secret ${app.client_secret_hint}${app.secret_expires_on ? `, expires ${app.secret_expires_on}` : ', expiry date unknown'}.</p>
      ${notice ? html`<m365-alert kind=${notice.kind} .heading=${notice.heading}><p><strong>How to fix it:</strong> ${secretFix(this.readOnly)}</p></m365-alert>` : nothing}
      ${problem ? html`<m365-alert kind="error" .heading=${`Microsoft refused this app registration: ${problem.title}`}>
          <p><strong>How to fix it:</strong> ${problem.fix}</p>
          ${problem.aadsts ? html`<p>Microsoft error code: <span class="mono">AADSTS${problem.aadsts}</span></p>` : nothing}
          <p class="secondary">Since ${formatDateTime(problem.since)}. Its accounts get no new tokens until it is fixed.</p>
        </m365-alert>` : nothing}
      ${this.readOnly ? nothing : this._renderReplace(Boolean(notice || problem))}
      ${this.readOnly ? nothing : this._renderManage(app)}
      ${this.error ? html`<m365-diagnosis live .error=${this.error}></m365-diagnosis>` : nothing}
    </article>`;
  }

  private _renderReplace(open: boolean) {
    const secretError = checkSecretInput(this._secret);
    const expiryError = checkExpiryInput(this._expires, new Date());
    const ready = this._secret.trim() !== '' && this._expires !== '' && !secretError && !expiryError;
    return html`<details ?open=${open}>
      <summary>Replace the client secret<span class="visually-hidden"> of ${this.app?.display_name}</span></summary>
      <div class="field">
        <label for="new-secret">New client secret Value</label>
        <input id="new-secret" type="password" autocomplete="off" spellcheck="false" .value=${this._secret} aria-invalid=${secretError ? 'true' : 'false'}
          aria-describedby="new-secret-error" @input=${(e: Event) => (this._secret = (e.target as HTMLInputElement).value)} />
        <p class="field-error" id="new-secret-error" aria-live="polite">${secretError ?? ''}</p>
      </div>
      <div class="field">
        <label for="new-expiry">New secret expires on</label>
        <input id="new-expiry" type="date" .value=${this._expires} max=${latestSecretExpiry(new Date())} aria-invalid=${expiryError ? 'true' : 'false'}
          aria-describedby="new-expiry-error" @input=${(e: Event) => (this._expires = (e.target as HTMLInputElement).value)} />
        <p class="field-error" id="new-expiry-error" aria-live="polite">${expiryError ?? ''}</p>
      </div>
      <button type="button" class="primary" ?disabled=${!ready || this.busy} @click=${this._onSave}>${this.busy ? 'Saving…' : 'Save the new secret'}</button>
    </details>`;
  }

  private _renderManage(app: AppRegistrationView) {
    const name = this._name ?? app.display_name;
    const nameOk = name.trim() !== '' && name.trim() !== app.display_name;
    return html`<details>
      <summary>Rename or delete<span class="visually-hidden"> ${app.display_name}</span></summary>
      <div class="field">
        <label for="new-name">Name</label>
        <input id="new-name" type="text" autocomplete="off" .value=${name} @input=${(e: Event) => (this._name = (e.target as HTMLInputElement).value)} />
      </div>
      <button type="button" ?disabled=${!nameOk || this.busy}
        @click=${() => fire(this, 'm365-app-renamed', { appId: app.id, name: name.trim() })}>Save the name</button>
      ${this.accounts.length
        ? html`<p class="in-use">Used by ${this.accounts.length === 1 ? 'the account' : 'the accounts'} ${this.accounts.join(', ')}: remove ${this.accounts.length === 1 ? 'it' : 'them'} on this page first to delete this app registration.</p>`
        : html`<p><button type="button" class="danger" ?disabled=${this.busy}
            @click=${() => fire(this, 'm365-app-delete-requested', { appId: app.id })}>Delete app registration</button></p>`}
    </details>`;
  }

  private _onSave() {
    if (this.app) fire(this, 'm365-secret-replaced', { appId: this.app.id, secret: this._secret.trim(), expiresOn: this._expires });
  }

  static override styles = [
    shared,
    css`
      :host { display: block; padding-block: var(--m365-space-3); border-block-start: 1px solid var(--m365-divider); }
      h3 { margin-block-end: var(--m365-space-1); overflow-wrap: anywhere; }
      .in-use { overflow-wrap: anywhere; }
      .used-by { list-style: none; padding: 0; color: var(--m365-text-secondary); }
      summary { cursor: pointer; color: var(--m365-link); font-weight: 500; padding-block: var(--m365-space-2); }
      details[open] summary { margin-block-end: var(--m365-space-2); }
      /* The details' own content box sits in its UA shadow root, which does not inherit the shared box-sizing. */
      details * { box-sizing: border-box; }
    `,
  ];
}

declare global {
  interface HTMLElementTagNameMap {
    'm365-app-registration-card': M365AppRegistrationCard;
  }
}
