import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { deleteAccount, fetchAccounts } from '../../api/accounts.js';
import { deleteAppRegistration, fetchAppRegistrations, updateAppRegistration } from '../../api/app-registrations.js';
import { type ApiError, toApiError } from '../../api/client.js';
import { fetchConsumers } from '../../api/consumers.js';
import { fetchMs365Entries, type Ms365EntryView } from '../../api/ms365.js';
import type { AccountView, AppRegistrationView, ConsumerView } from '../../api/types.js';
import '../../components/m365-account-card.js';
import '../../components/m365-alert.js';
import type { M365ConfirmDialog } from '../../components/m365-confirm-dialog.js';
import '../../components/m365-confirm-dialog.js';
import '../../components/m365-diagnosis.js';
import { fire } from '../../events.js';
import { shared } from '../../styles/shared.js';
import { renderAppRegistrations } from './app-registration-list.js';
import { usedByAccount } from './used-by.js';

/**
 * The signed-in accounts with their refresh health, the app registrations with their secret's
 * expiry, what MS365 integration entries use each, and removing an account with its cost stated.
 */
@customElement('m365-accounts-view')
export class M365AccountsView extends LitElement {
  @property({ type: Boolean }) readOnly = false;
  /** An app registration to scroll to, from the address (#/accounts/<id>), e.g. from the banner. */
  @property() focusApp = '';
  @state() private _accounts: AccountView[] | undefined;
  @state() private _apps: AppRegistrationView[] = [];
  @state() private _consumers: ConsumerView[] = [];
  /** MS365 integration entries, to say which account and app registration each one uses. */
  @state() private _entries: Ms365EntryView[] = [];
  @state() private _savingApp: string | undefined;
  @state() private _saveError: { appId: string; error: ApiError } | undefined;
  @state() private _error: ApiError | undefined;
  @state() private _removing: AccountView | undefined;
  @state() private _deleting: AppRegistrationView | undefined;
  @query('m365-confirm-dialog.account') private _confirm!: M365ConfirmDialog;
  @query('m365-confirm-dialog.app') private _confirmApp!: M365ConfirmDialog;

  override connectedCallback(): void {
    super.connectedCallback();
    void this._load();
  }

  private async _load() {
    try {
      // Without Home Assistant's entries the page still works; it just cannot say what uses what.
      const [accounts, apps, consumers, entries] = await Promise.all([fetchAccounts(), fetchAppRegistrations(), fetchConsumers(),
        fetchMs365Entries().then((list) => list.entries, () => [])]);
      this._accounts = accounts;
      this._apps = apps;
      this._consumers = consumers.filter((c) => !c.revoked_at);
      this._entries = entries;
      this._error = undefined;
    } catch (error) {
      this._error = toApiError(error);
    }
  }

  protected override async updated(changed: Map<string, unknown>): Promise<void> {
    if (!this.focusApp || !(changed.has('focusApp') || changed.has('_apps'))) return;
    const card = [...this.renderRoot.querySelectorAll('m365-app-registration-card')].find((c) => c.app?.id === this.focusApp);
    await card?.updateComplete;
    card?.scrollIntoView({ block: 'start' });
  }

  override render() {
    return html`<h1 tabindex="-1">Accounts</h1>
      ${this._error ? html`<m365-diagnosis live .error=${this._error}></m365-diagnosis>` : nothing}
      ${this._accounts === undefined ? (this._error ? nothing : html`<p role="status">Loading…</p>`) : this._renderAccounts(this._accounts)}
      <div @m365-secret-replaced=${this._onSecretReplaced} @m365-app-renamed=${this._onRenamed} @m365-app-delete-requested=${this._onDeleteApp}>${renderAppRegistrations({
        apps: this._apps, entries: this._entries, accounts: this._accounts ?? [], readOnly: this.readOnly, savingId: this._savingApp, saveError: this._saveError })}</div>
      <m365-confirm-dialog class="account" heading=${`Remove ${this._removing?.username ?? ''}?`} confirmLabel="Remove account" .message=${this._renderRemovalCost()}></m365-confirm-dialog>
      <m365-confirm-dialog class="app" heading=${`Delete ${this._deleting?.display_name ?? ''}?`} confirmLabel="Delete app registration"
        .message=${html`<p>The add-on forgets this app registration and its client secret. No account uses it. The app itself stays in the Entra portal; delete it there too if nothing else uses it.</p>`}></m365-confirm-dialog>`;
  }

  private _renderAccounts(accounts: AccountView[]) {
    if (accounts.length === 0) {
      return html`<m365-alert kind="info" heading="No account signed in yet">
        <p>${this._apps.length ? html`<a href="#/sign-in">Sign in</a> with the Microsoft account whose data you want in Home Assistant.` : html`Start with <a href="#/guide">the guide</a>: it sets up the app registration, then signs you in.`}</p>
      </m365-alert>`;
    }
    const appName = (id: string) => this._apps.find((a) => a.id === id)?.display_name ?? '';
    return html`<div @m365-remove-requested=${this._onRemoveRequested}>
      ${accounts.map((a) => html`<m365-account-card .account=${a} appName=${appName(a.app_registration_id)} .usedBy=${usedByAccount(this._entries, a.id)}
        ?readOnly=${this.readOnly}></m365-account-card>`)}
    </div>`;
  }

  private _renderRemovalCost() {
    const account = this._removing;
    if (!account) return nothing;
    const users = this._consumers.filter((c) => c.account_ids.includes(account.id));
    return html`<p>This deletes the add-on’s sign-in for ${account.username}. What stops working:</p>
      <ul>
        ${users.length
          ? html`<li>${users.length === 1 ? 'The consumer' : 'The consumers'} ${users.map((c, i) => html`${i ? ', ' : ''}<strong>${c.name}</strong>`)} can no longer get tokens for this account.</li>`
          : html`<li>No consumer uses this account.</li>`}
        <li>Anything fed with this account’s tokens (MS365 integrations, automations, other add-ons) stops updating until you sign in again.</li>
        <li>The add-on stops keeping its sign-in alive.</li>
      </ul>
      <p class="secondary">Nothing in your Microsoft account is deleted.</p>`;
  }

  private async _onRemoveRequested(event: CustomEvent<{ accountId: string }>) {
    this._removing = this._accounts?.find((a) => a.id === event.detail.accountId);
    if (!this._removing || !(await this._confirm.ask())) return;
    const removed = this._removing;
    try {
      await deleteAccount(removed.id);
      fire(this, 'm365-announced', { message: `${removed.username} removed.` });
      fire(this, 'm365-changed', { what: 'accounts' });
      await this._load();
      this.renderRoot.querySelector<HTMLElement>('h1')?.focus();
    } catch (error) {
      this._error = toApiError(error);
    }
  }

  private async _onRenamed(event: CustomEvent<{ appId: string; name: string }>) {
    await this._changeApp(event.composedPath()[0], event.detail.appId, async () => {
      const saved = await updateAppRegistration(event.detail.appId, { display_name: event.detail.name });
      return `Renamed to ${saved.display_name}.`;
    });
  }

  private async _onDeleteApp(event: CustomEvent<{ appId: string }>) {
    // The event's path is empty once it has been dispatched: take the card before asking.
    const card = event.composedPath()[0];
    this._deleting = this._apps.find((a) => a.id === event.detail.appId);
    if (!this._deleting || !(await this._confirmApp.ask())) return;
    const name = this._deleting.display_name;
    await this._changeApp(card, event.detail.appId, async () => {
      await deleteAppRegistration(event.detail.appId);
      return `${name} deleted.`;
    });
  }

  /** Runs one change to an app registration, shows the service's refusal on its card, reloads. */
  private async _changeApp(origin: EventTarget | undefined, appId: string, change: () => Promise<string>) {
    const card = origin as { reset?: () => void } | undefined;
    this._savingApp = appId;
    this._saveError = undefined;
    try {
      const message = await change();
      card?.reset?.();
      fire(this, 'm365-announced', { message });
      fire(this, 'm365-changed', { what: 'app_registrations' });
      await this._load();
    } catch (error) {
      this._saveError = { appId, error: toApiError(error) };
    } finally {
      this._savingApp = undefined;
    }
  }

  private async _onSecretReplaced(event: CustomEvent<{ appId: string; secret: string; expiresOn: string }>) {
    const { appId, secret, expiresOn } = event.detail;
    await this._changeApp(event.composedPath()[0], appId, async () => {
      const saved = await updateAppRegistration(appId, { client_secret: secret, secret_expires_on: expiresOn });
      return `New client secret saved for ${saved.display_name}.`;
    });
  }

  static override styles = [shared, css`:host { display: block; }`];
}

declare global {
  interface HTMLElementTagNameMap {
    'm365-accounts-view': M365AccountsView;
  }
}
