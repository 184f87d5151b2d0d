import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { fetchAccounts } from '../../api/accounts.js';
import { type ApiError, toApiError } from '../../api/client.js';
import { createConsumer, fetchConsumers, revokeConsumer, updateConsumer } from '../../api/consumers.js';
import { fetchStatus } from '../../api/status.js';
import type { AccountView, ConsumerView, ServiceStatus } from '../../api/types.js';
import type { M365ConfirmDialog } from '../../components/m365-confirm-dialog.js';
import '../../components/m365-confirm-dialog.js';
import type { M365ConsumerForm } from '../../components/m365-consumer-form.js';
import '../../components/m365-consumer-form.js';
import '../../components/m365-consumer-key.js';
import '../../components/m365-diagnosis.js';
import { fire } from '../../events.js';
import { shared } from '../../styles/shared.js';
import { consumerApiUrl, renderApiAddress, renderConsumerList } from './consumer-list.js';

/** Other add-ons and scripts that get tokens: create one (its key shown once), list, revoke. */
@customElement('m365-consumers-view')
export class M365ConsumersView extends LitElement {
  @property({ type: Boolean }) readOnly = false;
  @state() private _status: ServiceStatus | undefined;
  @state() private _consumers: ConsumerView[] | undefined;
  @state() private _accounts: AccountView[] = [];
  @state() private _error: ApiError | undefined;
  @state() private _createError: ApiError | undefined;
  @state() private _busy = false;
  @state() private _created: (ConsumerView & { key: string }) | undefined;
  @state() private _revoking: ConsumerView | undefined;
  /** The consumer whose change form is open. */
  @state() private _editing: string | undefined;
  @state() private _editError: ApiError | undefined;
  @query('m365-confirm-dialog') private _confirm!: M365ConfirmDialog;
  @query('#new-consumer') private _form!: M365ConsumerForm;

  override connectedCallback(): void {
    super.connectedCallback();
    void this._load();
  }

  private async _load() {
    try {
      const [status, consumers, accounts] = await Promise.all([fetchStatus(), fetchConsumers(), fetchAccounts()]);
      this._status = status;
      this._consumers = consumers;
      this._accounts = accounts;
    } catch (error) {
      this._error = toApiError(error);
    }
  }

  override render() {
    const apiUrl = this._status ? consumerApiUrl(this._status) : '';
    return html`<h1 tabindex="-1">Consumers</h1>
      <p>Other add-ons, scripts and Node-RED get short-lived Microsoft access tokens from this add-on with a key of their own, limited to the accounts and permissions you choose. A key limited to some permissions calls Microsoft Graph through this add-on, because an access token always carries all of an account’s permissions.</p>
      ${this._error ? html`<m365-diagnosis live .error=${this._error}></m365-diagnosis>` : nothing}
      ${this._status ? renderApiAddress(this._status) : nothing}
      <section class="card" aria-labelledby="new-heading" ?hidden=${this.readOnly}>
        <h2 id="new-heading">New consumer</h2>
        ${this._created
          ? html`<m365-consumer-key name=${this._created.name} key=${this._created.key} apiUrl=${apiUrl} accountId=${this._created.account_ids[0] ?? ''}
                kind=${this._created.kind} .allowedScopes=${this._created.allowed_scopes} .rawToken=${this._created.kind === 'full' || this._created.raw_token_account_ids.includes(this._created.account_ids[0] ?? '')}></m365-consumer-key>
              <button type="button" @click=${this._onKeySaved}>I have saved the key</button>`
          : html`<m365-consumer-form id="new-consumer" .accounts=${this._accounts} ?busy=${this._busy} .error=${this._createError} @m365-consumer-submitted=${this._onCreate}></m365-consumer-form>`}
      </section>
      ${this._consumers === undefined ? (this._error ? nothing : html`<p role="status">Loading…</p>`)
        : renderConsumerList(this._consumers, this._accounts, this.readOnly ? undefined : {
          onRevoke: (c) => void this._onRevoke(c),
          onEdit: (c) => { this._editing = c.id; this._editError = undefined; },
          editingId: this._editing,
          editor: (c) => html`<m365-consumer-form .consumer=${c} .accounts=${this._accounts} ?busy=${this._busy} .error=${this._editError}
              @m365-consumer-submitted=${(e: CustomEvent<{ name: string; accountIds: string[]; scopes: string[]; rateLimitPerMinute: number }>) => this._onChange(c, e)}></m365-consumer-form>
            <p><button type="button" @click=${() => (this._editing = undefined)}>Cancel</button></p>`,
        })}
      <m365-confirm-dialog heading=${`Revoke ${this._revoking?.name ?? ''}?`} confirmLabel="Revoke key"
        .message=${html`<p>${this._revoking?.name} can no longer get tokens with its key. This cannot be undone: to give access again, create a new consumer and key.</p>`}></m365-confirm-dialog>`;
  }

  private async _onChange(consumer: ConsumerView, event: CustomEvent<{ name: string; accountIds: string[]; scopes: string[]; rateLimitPerMinute: number }>) {
    this._busy = true;
    this._editError = undefined;
    try {
      const { name, accountIds, scopes, rateLimitPerMinute } = event.detail;
      const saved = await updateConsumer(consumer.id, { name, account_ids: accountIds, allowed_scopes: scopes, rate_limit_per_minute: rateLimitPerMinute });
      this._editing = undefined;
      fire(this, 'm365-announced', { message: `${saved.name} changed; its key stays the same.` });
      fire(this, 'm365-changed', { what: 'consumers' });
      await this._load();
    } catch (error) {
      this._editError = toApiError(error);
    } finally {
      this._busy = false;
    }
  }

  private async _onCreate(event: CustomEvent<{ name: string; accountIds: string[]; scopes: string[]; rateLimitPerMinute: number }>) {
    this._busy = true;
    this._createError = undefined;
    try {
      const { name, accountIds, scopes, rateLimitPerMinute } = event.detail;
      this._created = await createConsumer({ name, account_ids: accountIds, allowed_scopes: scopes, rate_limit_per_minute: rateLimitPerMinute });
      this._form?.reset();
      fire(this, 'm365-changed', { what: 'consumers' });
      await this._load();
    } catch (error) {
      this._createError = toApiError(error);
    } finally {
      this._busy = false;
    }
  }

  /** The key leaves memory as soon as the user says it is saved. */
  private _onKeySaved() {
    this._created = undefined;
    this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('#new-heading')?.scrollIntoView({ block: 'nearest' }));
  }

  private async _onRevoke(consumer: ConsumerView) {
    this._revoking = consumer;
    if (!(await this._confirm.ask())) return;
    try {
      await revokeConsumer(consumer.id);
      fire(this, 'm365-announced', { message: `${consumer.name}’s key revoked.` });
      fire(this, 'm365-changed', { what: 'consumers' });
      await this._load();
    } catch (error) {
      this._error = toApiError(error);
    }
  }

  static override styles = [shared, css`:host { display: block; }`];
}

declare global {
  interface HTMLElementTagNameMap {
    'm365-consumers-view': M365ConsumersView;
  }
}
