import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { parseCustomScopes, planPermissions } from '../../../../server/permissions/ms365-permissions.js';
import { fetchAccounts } from '../../api/accounts.js';
import { fetchAppRegistrations } from '../../api/app-registrations.js';
import { ApiError, toApiError } from '../../api/client.js';
import { fetchSignInStatus, finishPastedSignIn, startSignIn } from '../../api/sign-ins.js';
import { fetchStatus } from '../../api/status.js';
import type { AppRegistrationView, RedirectMethod, ServiceStatus, SignInResult, StartedSignIn } from '../../api/types.js';
import '../../components/m365-diagnosis.js';
import '../../components/m365-paste-back-panel.js';
import '../../components/m365-redirect-panel.js';
import '../../components/m365-sign-in-result.js';
import { PollController } from '../../controllers/poll-controller.js';
import { fire } from '../../events.js';
import { browserStorage, loadProgress } from '../../guide/progress.js';
import { shared } from '../../styles/shared.js';
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
  @state() private _started: StartedSignIn | undefined;
  @state() private _phase = 'pending';
  @state() private _busy = false;
  @state() private _error: ApiError | undefined;
  @state() private _result: SignInResult | undefined;
  private readonly _poll = new PollController(this);

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
      const app = apps.find((a) => a.id === (account?.app_registration_id ?? this.appId)) ?? apps[0];
      if (app) this._chooseApp(app, account?.requested_scopes);
    } catch (error) {
      this._error = toApiError(error);
    }
  }

  /** Defaults for an app: its own method, and the permissions the guide computed for it. */
  private _chooseApp(app: AppRegistrationView, scopes?: string[]) {
    this._appId = app.id;
    this._method = app.redirect_method === 'internet_redirect' && this._internetUri(app) ? 'internet_redirect' : 'paste_back';
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
    if (this._result) return html`<m365-sign-in-result .result=${this._result}></m365-sign-in-result>${this._restartButton('Sign in another account')}`;
    if (!this._started) {
      const app = this._apps.find((a) => a.id === this._appId);
      const invalid = parseCustomScopes(this._scopes).invalid;
      return html`<div class="card" @m365-redirect-changed=${this._onRedirectChanged}>${renderChoices({
          apps: this._apps, app, method: this._method, scopes: this._scopes, invalid, internetUri: this._internetUri(app),
          haRedirect: app?.redirect_uri ? undefined : this._status?.home_assistant?.internet_redirect, readOnly: this.readOnly,
          onApp: (id) => { const next = this._apps.find((a) => a.id === id); if (next) this._chooseApp(next); },
          onMethod: (method) => (this._method = method),
          onScopes: (text) => (this._scopes = text),
        })}
        <button type="button" class="primary" ?disabled=${this.readOnly || this._busy || invalid.length > 0 || !app} @click=${this._onStart}>${this._busy ? 'Starting…' : 'Start sign-in'}</button>
        ${this._error ? html`<m365-diagnosis live .error=${this._error}></m365-diagnosis>` : nothing}</div>`;
    }
    return html`<div class="card">${this._started.method === 'paste_back'
        ? html`<m365-paste-back-panel .started=${this._started} ?busy=${this._busy} .error=${this._error} @m365-url-submitted=${this._onPasted}></m365-paste-back-panel>`
        : html`<m365-redirect-panel .started=${this._started} phase=${this._phase}></m365-redirect-panel>
            ${this._error ? html`<m365-diagnosis live .error=${this._error}></m365-diagnosis>` : nothing}`}
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

  private async _onStart() {
    this._busy = true;
    this._error = undefined;
    try {
      const scopes = parseCustomScopes(this._scopes).scopes;
      this._started = await startSignIn({ app_registration_id: this._appId, scopes, method: this._method });
      this._phase = 'pending';
      if (this._started.method === 'internet_redirect') this._poll.start((signal) => this._checkStatus(signal));
    } catch (error) {
      this._error = toApiError(error);
    } finally {
      this._busy = false;
    }
  }

  /** One poll of the internet-redirect sign-in; true when there is nothing more to wait for. */
  private async _checkStatus(signal: AbortSignal): Promise<boolean> {
    if (!this._started) return true;
    const status = await fetchSignInStatus(this._started.state, signal);
    if (status.status === 'completed') this._finish(status.result);
    else if (status.status === 'failed') this._error = new ApiError(400, status.error);
    else this._phase = status.status;
    return status.status !== 'pending';
  }

  private async _onPasted(event: CustomEvent<{ url: string }>) {
    this._busy = true;
    this._error = undefined;
    try {
      this._finish(await finishPastedSignIn(event.detail.url));
    } catch (error) {
      this._error = toApiError(error);
    } finally {
      this._busy = false;
    }
  }

  private _finish(result: SignInResult) {
    this._result = result;
    fire(this, 'm365-changed', { what: 'accounts' });
  }

  private _onRestart() {
    this._poll.stop();
    this._started = undefined;
    this._result = undefined;
    this._error = undefined;
  }

  static override styles = [shared, css`:host { display: block; } .restart { margin-block: var(--m365-space-4) 0; }`];
}

declare global {
  interface HTMLElementTagNameMap {
    'm365-sign-in-view': M365SignInView;
  }
}
