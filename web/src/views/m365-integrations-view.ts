import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { type ApiError, toApiError } from '../api/client.js';
import { fetchMs365Entries, refreshEntryNow, setEntryKeepAlive, type Ms365EntryView, type Ms365ListView } from '../api/ms365.js';
import '../components/m365-alert.js';
import '../components/m365-diagnosis.js';
import { fire } from '../events.js';
import { parseRoute } from '../router.js';
import { shared } from '../styles/shared.js';
import './ms365/m365-integration-entry.js';
import './ms365/m365-integration-sign-in.js';
import './ms365/m365-add-integration.js';

/**
 * The MS365 integrations of this Home Assistant (Calendar, Mail, ToDo, Teams, Contacts): every
 * config entry's token health, and signing one in again without the integration's copy-the-URL flow.
 */
@customElement('m365-integrations-view')
export class M365IntegrationsView extends LitElement {
  @property({ type: Boolean }) readOnly = false;
  @state() private _list: Ms365ListView | undefined;
  @state() private _error: ApiError | undefined;
  @state() private _signingIn: string | undefined;
  @state() private _busyEntry: string | undefined;
  /** "Add an MS365 integration" open: 'new', or the id of the entry being reconfigured. */
  @state() private _adding: string | undefined;

  override connectedCallback(): void {
    super.connectedCallback();
    // The Guide's last step links here with ?add=1 to open "Add an MS365 integration" at once.
    if (!this.readOnly && parseRoute(location.hash).query.get('add') === '1') this._adding = 'new';
    void this._load();
  }

  private async _load() {
    try {
      this._list = await fetchMs365Entries();
      this._error = undefined;
    } catch (error) {
      this._error = toApiError(error);
    }
  }

  override render() {
    return html`<h1 tabindex="-1">MS365 integrations</h1>
      <p class="secondary">The MS365 Calendar, Mail, ToDo, Teams and Contacts integrations keep one token file per entry. Here you see whether each one works, and sign one in again when it does not; the add-on writes its token file and reloads it.</p>
      ${this._error ? html`<m365-diagnosis live .error=${this._error}></m365-diagnosis>` : nothing}
      ${this.readOnly || this._adding ? nothing : html`<p><button type="button" class="primary" @click=${() => this._openAdd('new')}>Add an MS365 integration</button></p>`}
      ${this._adding && !this.readOnly ? this._renderAdd() : nothing}
      ${this._list ? this._renderList(this._list) : this._error ? nothing : html`<p role="status">Loading…</p>`}`;
  }

  private _renderAdd() {
    const entry = this._adding === 'new' ? undefined : this._list?.entries.find((e) => e.entry_id === this._adding);
    return html`<m365-add-integration .entry=${entry} @m365-integration-added=${this._onSignedIn} @m365-add-integration-closed=${() => (this._adding = undefined)}></m365-add-integration>`;
  }

  private async _openAdd(which: string) {
    this._adding = which;
    await this.updateComplete;
    this.renderRoot.querySelector('m365-add-integration')?.shadowRoot?.querySelector<HTMLElement>('h2')?.focus();
  }

  private _renderList(list: Ms365ListView) {
    const signingIn = list.entries.find((e) => e.entry_id === this._signingIn);
    return html`${list.storage.problem ? html`<m365-alert kind="error" heading="Home Assistant’s entries could not be read"><p>${list.storage.problem}</p></m365-alert>` : nothing}
      ${list.core_api.problem && list.storage.available ? html`<m365-alert kind="info"><p>Without Home Assistant’s state: ${list.core_api.problem}</p></m365-alert>` : nothing}
      ${list.entries.length === 0 && list.storage.available
        ? html`<m365-alert kind="info" heading="No MS365 integration is set up"><p>Add MS365 Calendar, Mail, ToDo, Teams or Contacts with “Add an MS365 integration” above (or in Home Assistant); their entries then show up here.</p></m365-alert>`
        : nothing}
      ${signingIn ? html`<m365-integration-sign-in .entry=${signingIn} @m365-entry-signed-in=${this._onSignedIn} @m365-entry-sign-in-closed=${this._onClosed}></m365-integration-sign-in>` : nothing}
      <div @m365-entry-reconfigure-requested=${(e: CustomEvent<{ entryId: string }>) => this._openAdd(e.detail.entryId)} @m365-entry-sign-in-requested=${this._onSignInRequested} @m365-entry-keep-alive-changed=${this._onKeepAlive} @m365-entry-refresh-requested=${this._onRefresh}>
        ${list.entries.map((entry) => html`<m365-integration-entry .entry=${entry} ?readOnly=${this.readOnly} ?busy=${this._busyEntry === entry.entry_id}></m365-integration-entry>`)}
      </div>`;
  }

  private async _onSignInRequested(event: CustomEvent<{ entryId: string }>) {
    this._signingIn = event.detail.entryId;
    await this.updateComplete;
    const panel = this.renderRoot.querySelector('m365-integration-sign-in');
    await panel?.updateComplete;
    panel?.scrollIntoView({ block: 'start' });
    panel?.shadowRoot?.querySelector<HTMLElement>('h2')?.focus();
  }

  private async _onSignedIn() {
    fire(this, 'm365-changed', { what: 'accounts' });
    await this._load();
  }

  private _onClosed() {
    this._signingIn = undefined;
  }

  private async _onKeepAlive(event: CustomEvent<{ entryId: string; enabled: boolean; afterDays: number }>) {
    await this._update(event.detail.entryId, () => setEntryKeepAlive(event.detail.entryId, event.detail.enabled, event.detail.afterDays), (entry) =>
      `Keep-alive ${entry.keep_alive.enabled ? `on after ${entry.keep_alive.after_days} days` : 'off'} for ${entry.title}.`);
  }

  private async _onRefresh(event: CustomEvent<{ entryId: string }>) {
    await this._update(event.detail.entryId, async () => (await refreshEntryNow(event.detail.entryId)).entry, (entry) =>
      `${entry.title}: ${entry.keep_alive.last?.outcome === 'refreshed' ? 'token file refreshed' : `not refreshed (${entry.keep_alive.last?.detail ?? 'see the entry'})`}.`);
  }

  /** Runs an action for one entry, puts the answer in the list and announces it. */
  private async _update(entryId: string, action: () => Promise<Ms365EntryView>, message: (entry: Ms365EntryView) => string) {
    this._busyEntry = entryId;
    try {
      const entry = await action();
      if (this._list) this._list = { ...this._list, entries: this._list.entries.map((e) => (e.entry_id === entryId ? entry : e)) };
      this._error = undefined;
      fire(this, 'm365-announced', { message: message(entry) });
    } catch (error) {
      this._error = toApiError(error);
    } finally {
      this._busyEntry = undefined;
    }
  }

  static override styles = [shared, css`:host { display: block; }`];
}

declare global {
  interface HTMLElementTagNameMap {
    'm365-integrations-view': M365IntegrationsView;
  }
}
