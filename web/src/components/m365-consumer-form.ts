import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { ApiError } from '../api/client.js';
import type { AccountView, ConsumerView } from '../api/types.js';
import { fire } from '../events.js';
import { shared } from '../styles/shared.js';
import './m365-diagnosis.js';

/** The service's default when a consumer is created without one. */
export const DEFAULT_RATE_LIMIT = 600;

/**
 * Creating a consumer, or changing one (`consumer` set): a name, the accounts it may use, optionally
 * the permissions it may ask for (which make its key limited), and its rate limit. A change keeps the key.
 * @fires m365-consumer-submitted
 */
@customElement('m365-consumer-form')
export class M365ConsumerForm extends LitElement {
  @property({ attribute: false }) accounts: AccountView[] = [];
  @property({ type: Boolean }) busy = false;
  @property({ attribute: false }) error: ApiError | undefined;
  /** The consumer being changed; unset when creating one. */
  @property({ attribute: false }) consumer: ConsumerView | undefined;
  @state() private _name = '';
  @state() private _accountIds: string[] = [];
  @state() private _scopes: string[] = [];
  @state() private _rate = String(DEFAULT_RATE_LIMIT);

  /** Clears the form after a successful create. */
  reset(): void {
    this._name = '';
    this._accountIds = [];
    this._scopes = [];
    this._rate = String(DEFAULT_RATE_LIMIT);
  }

  protected override willUpdate(changed: Map<string, unknown>): void {
    // Editing starts from what the consumer has now.
    if (changed.has('consumer') && this.consumer) {
      this._name = this.consumer.name;
      this._accountIds = [...this.consumer.account_ids];
      this._scopes = [...this.consumer.allowed_scopes];
      this._rate = String(this.consumer.rate_limit_per_minute);
    }
  }

  override render() {
    const chosen = this.accounts.filter((a) => this._accountIds.includes(a.id));
    // A permission already on the list stays offered, so saving a change never drops it unseen.
    const scopes = [...new Set([...chosen.flatMap((a) => a.granted_scopes), ...(this.consumer?.allowed_scopes ?? [])])].sort();
    const nameError = this.error?.field === 'name' ? this.error.message : '';
    const rateError = rateProblem(this._rate);
    const editing = this.consumer !== undefined;
    const id = (what: string) => `consumer-${what}`;
    return html`<form @submit=${this._onSubmit} aria-label=${editing ? `Change ${this.consumer!.name}` : 'New consumer'}>
      <div class="field">
        <label for="consumer-name">Name</label>
        <input id="consumer-name" type="text" maxlength="100" autocomplete="off" .value=${this._name} required
          aria-invalid=${nameError ? 'true' : 'false'} aria-describedby="consumer-name-hint consumer-name-error" @input=${(e: Event) => (this._name = (e.target as HTMLInputElement).value)} />
        <p class="hint" id="consumer-name-hint">Who will use the key, for example Node-RED.</p>
        <p class="field-error" id="consumer-name-error">${nameError}</p>
      </div>
      <fieldset>
        <legend>Accounts it may use</legend>
        ${this.accounts.length === 0 ? html`<p class="secondary">No account is signed in yet.</p>` : nothing}
        ${this.accounts.map((a) => html`<label class="choice"><input type="checkbox" .checked=${this._accountIds.includes(a.id)}
          @change=${(e: Event) => (this._accountIds = toggle(this._accountIds, a.id, e))} /><span>${a.display_name ?? a.username} <span class="secondary">(${a.username})</span></span></label>`)}
      </fieldset>
      ${scopes.length ? html`<fieldset>
          <legend>Permissions it may ask for</legend>
          <p class="hint" id="consumer-kinds-hint">Tick none for a key with every permission the accounts were granted: it may have
            their access tokens. Tick some for a limited key: Microsoft puts all of an account’s permissions into one
            token, so a limited key calls Microsoft Graph through this add-on, which lets through only what you ticked.
            It gets a token itself only for an account whose permissions are all ticked.</p>
          ${scopes.map((s) => html`<label class="choice"><input type="checkbox" .checked=${this._scopes.includes(s)} aria-describedby="consumer-kinds-hint"
            @change=${(e: Event) => (this._scopes = toggle(this._scopes, s, e))} /><span class="mono">${s}</span></label>`)}
          ${this._renderKind(chosen)}
        </fieldset>` : nothing}
      <div class="field">
        <label for=${id('rate')}>Requests per minute</label>
        <input id=${id('rate')} type="number" inputmode="numeric" min="1" max="100000" step="1" .value=${this._rate}
          aria-invalid=${rateError ? 'true' : 'false'} aria-describedby="consumer-rate-hint consumer-rate-error" @input=${(e: Event) => (this._rate = (e.target as HTMLInputElement).value)} />
        <p class="hint" id="consumer-rate-hint">Above this the key gets “429 Too Many Requests” with Retry-After; short bursts up to a minute’s allowance are fine.</p>
        <p class="field-error" id="consumer-rate-error">${rateError}</p>
      </div>
      ${editing ? html`<p class="hint">The key stays the same: the consumer keeps working and gets exactly this from its next request on.</p>` : nothing}
      <button type="submit" class="primary" ?disabled=${this.busy || rateError !== ''}>${editing
        ? (this.busy ? 'Saving…' : 'Save changes')
        : (this.busy ? 'Creating…' : 'Create consumer and key')}</button>
      ${this.error && this.error.field !== 'name' ? html`<m365-diagnosis live .error=${this.error}></m365-diagnosis>` : nothing}
    </form>`;
  }

  /** What the ticked permissions make of the key, in plain words, as they change. */
  private _renderKind(chosen: AccountView[]) {
    if (this._scopes.length === 0) return html`<p class="secondary" role="status">A key with every permission: it may have the accounts’ access tokens.</p>`;
    const ticked = new Set(this._scopes.map((s) => s.toLowerCase()));
    const uncovered = chosen.filter((a) => a.granted_scopes.some((s) => !ticked.has(s.toLowerCase())));
    return html`<p class="secondary" role="status">A limited key: it calls Microsoft Graph through this add-on.
      ${uncovered.length
        ? `It gets no access token for ${uncovered.map((a) => a.username).join(', ')}, whose token would also carry permissions you did not tick.`
        : 'All permissions of the chosen accounts are ticked, so it may also have their access tokens.'}</p>`;
  }

  private _onSubmit(event: Event) {
    event.preventDefault();
    if (rateProblem(this._rate)) return;
    const kept = new Set(this.consumer?.allowed_scopes ?? []);
    const scopes = this._scopes.filter((s) => kept.has(s) || this.accounts.some((a) => this._accountIds.includes(a.id) && a.granted_scopes.includes(s)));
    fire(this, 'm365-consumer-submitted', { name: this._name.trim(), accountIds: this._accountIds, scopes, rateLimitPerMinute: Number(this._rate) });
  }

  static override styles = [shared, css`:host { display: block; }`];
}

function rateProblem(text: string): string {
  const value = Number(text);
  return Number.isInteger(value) && value >= 1 && value <= 100_000 ? '' : 'A whole number from 1 to 100000.';
}

function toggle(list: string[], item: string, event: Event): string[] {
  const on = (event.target as HTMLInputElement).checked;
  return on ? [...new Set([...list, item])] : list.filter((x) => x !== item);
}

declare global {
  interface HTMLElementTagNameMap {
    'm365-consumer-form': M365ConsumerForm;
  }
}
