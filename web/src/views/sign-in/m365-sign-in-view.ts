import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { parseCustomScopes, planPermissions } from '../../../../shared/ms365-permissions.js';
import { fetchAccounts } from '../../api/accounts.js';
import { fetchAppRegistrations } from '../../api/app-registrations.js';
import { toApiError, type ApiError } from '../../api/client.js';
import { finishPastedSignIn, startSignIn } from '../../api/sign-ins.js';
import { fetchStatus } from '../../api/status.js';
import type { AccountView, AppRegistrationView, RedirectMethod, ServiceStatus, SignInResult, StartedSignIn } from '../../api/types.js';
import '../../components/m365-diagnosis.js';
import '../../components/m365-paste-back-panel.js';
import '../../components/m365-redirect-panel.js';
import '../../components/m365-sign-in-closed.js';
import '../../components/m365-sign-in-result.js';
import { SignInFlow } from '../../controllers/sign-in-flow.js';
import { fire } from '../../events.js';
import { browserStorage, loadProgress } from '../../guide/progress.js';
import { shared } from '../../styles/shared.js';
import { isPasteBack } from '../../sign-in-methods.js';
import { renderChoices } from './sign-in-form.js';

/** Signing in: choose the app registration, method and permissions; then paste back or wait. */
@customElement('m365-sign-in-view')
export class M365SignInView extends LitElement {
  @property() appId = '';
  @property() accountId = '';
  @property({ type: Boolean }) readOnly = false;
  @state() private _status: ServiceStatus | undefined;
  @state() private _apps: AppRegistrationView[] = [];
  @state() private _appId = '';
  @state() private _method: RedirectMethod = 'paste_back';
  @state() private _scopes = '';
  /** "Sign in again" for this account (from its card or an alert): named here and hinted to Microsoft. */
  @state() private _account: AccountView | undefined;
  /** Loading the choices failed. */
  @state() private _error: ApiError | undefined;
  private readonly _flow = new SignInFlow<StartedSignIn, SignInResult>(this, {
    completed: (_started, result) => result,
    finished: () => fire(this, 'm365-changed', { what: 'accounts' }),
  });

  override connectedCallback(): void {
    super.connectedCallback();
    void this._load();
  }

  private async _load() {
    try {
      const [status, apps, accounts] = await Promise.all([fetchStatus(), fetchAppRegistrations(), fetchAccounts()]);
      this._status = status;
      this._apps = apps;
      const account = accounts.find((a) => a.id === this.accountId);
      this._account = account;
      const app = apps.find((a) => a.id === (account?.app_registration_id ?? this.appId)) ?? apps[0];
      if (app) this._chooseApp(app, account?.requested_scopes);
    } catch (error) {
      this._error = toApiError(error);
    }
  }

  /** Defaults for an app: its own method, and the permissions the guide computed for it. */
  private _chooseApp(app: AppRegistrationView, scopes?: string[]) {
    this._appId = app.id;
    const own = app.redirect_method as RedirectMethod;
    this._method = own === 'internet_redirect' ? (this._internetUri(app) ? own : 'paste_back') : own;
    const progress = loadProgress(browserStorage());
    const planned = progress.appRegistrationId === app.id ? planPermissions({ ...progress.picks, custom: [progress.customScopes] }).scopes : ['User.Read', 'offline_access'];
    this._scopes = (scopes ?? planned).join(' ');
  }

  private _internetUri(app: AppRegistrationView | undefined): string | null {
    return app?.redirect_uri ?? this._status?.internet_redirect_uri ?? null;
  }

  override render() {
    return html`<h1 tabindex="-1">Sign in to Microsoft 365</h1>
      ${this._status ? this._renderBody() : this._error ? html`<m365-diagnosis live .error=${this._error}></m365-diagnosis>` : html`<p role="status">Loading…</p>`}`;
  }

  private _renderBody() {
    if (this._apps.length === 0) {
      return html`<m365-alert kind="info" heading="No app registration yet">
        <p>Microsoft needs an app registration before you can sign in. <a href="#/guide">Follow the guide</a> to create one.</p></m365-alert>`;
    }
    const flow = this._flow;
    if (flow.result) return html`<m365-sign-in-result .result=${flow.result} @m365-sign-in-restart=${this._onRestart}></m365-sign-in-result>${this._restartButton('Sign in another account')}`;
    if (!flow.started) {
      const app = this._apps.find((a) => a.id === this._appId);
      const invalid = parseCustomScopes(this._scopes).invalid;
      const again = this._account && app?.id === this._account.app_registration_id ? this._account : undefined;
      return html`<div class="card" @m365-redirect-changed=${this._onRedirectChanged}>
        ${again ? html`<p class="again"><strong>Signing in again as ${again.display_name ? `${again.display_name} (${again.username})` : again.username}.</strong>
          Microsoft is asked to preselect this account; choose it there so its tokens are renewed.</p>` : nothing}
        ${renderChoices({
          apps: this._apps, app, method: this._method, scopes: this._scopes, invalid, internetUri: this._internetUri(app),
          haRedirect: app?.redirect_uri ? undefined : this._status?.home_assistant?.internet_redirect, readOnly: this.readOnly,
          onApp: (id) => { const next = this._apps.find((a) => a.id === id); if (next) this._chooseApp(next); },
          onMethod: (method) => (this._method = method),
          onScopes: (text) => (this._scopes = text),
        })}
        <button type="button" class="primary" ?disabled=${this.readOnly || flow.busy || invalid.length > 0 || !app} @click=${this._onStart}>${flow.busy ? 'Starting…' : 'Start sign-in'}</button>
        ${flow.error ? html`<m365-diagnosis live .error=${flow.error}></m365-diagnosis>` : nothing}</div>`;
    }
    if (flow.closed) {
      return html`<div class="card"><m365-sign-in-closed .closed=${flow.closed} .error=${flow.error} @m365-sign-in-restart=${this._onRestart}></m365-sign-in-closed></div>`;
    }
    return html`<div class="card">${isPasteBack(flow.started.method)
        ? html`<m365-paste-back-panel .started=${flow.started} ?busy=${flow.busy} .error=${flow.error} @m365-url-submitted=${this._onPasted}></m365-paste-back-panel>`
        : html`<m365-redirect-panel .started=${flow.started} phase=${flow.phase}></m365-redirect-panel>
            ${flow.error ? html`<m365-diagnosis live .error=${flow.error}></m365-diagnosis>` : nothing}`}
      ${this._restartButton('Start again')}</div>`;
  }

  /** Home Assistant's redirect changed (a restart finished): the address the service uses may have too. */
  private async _onRedirectChanged() {
    try {
      this._status = await fetchStatus();
    } catch {
      // The element already shows the new state; the next load catches up.
    }
  }

  private _restartButton(label: string) {
    return html`<p class="restart"><button type="button" @click=${this._onRestart}>${label}</button></p>`;
  }

  private _onStart() {
    const scopes = parseCustomScopes(this._scopes).scopes;
    // The account is hinted only with its own app registration: another app would make it a new account anyway.
    const again = this._account?.app_registration_id === this._appId ? this._account.id : undefined;
    return this._flow.start(() => startSignIn({ app_registration_id: this._appId, scopes, method: this._method, ...(again ? { account_id: again } : {}) }));
  }

  private _onPasted(event: CustomEvent<{ url: string }>) {
    return this._flow.paste(() => finishPastedSignIn(event.detail.url));
  }

  private _onRestart() {
    this._flow.reset();
  }

  static override styles = [shared, css`:host { display: block; } .restart { margin-block: var(--m365-space-4) 0; } .again { overflow-wrap: anywhere; }`];
}

declare global {
  interface HTMLElementTagNameMap {
    'm365-sign-in-view': M365SignInView;
  }
}
