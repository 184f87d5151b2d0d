import { LitElement, css, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { fetchStatus } from './api/status.js';
import { fetchMs365Entries, type Ms365EntryView } from './api/ms365.js';
import { alertItems, entryItems } from './components/m365-attention.js';
import type { ServiceStatus } from './api/types.js';
import { parseRoute, type Route, type RouteName } from './router.js';
import { shared } from './styles/shared.js';
import { tokens } from './styles/tokens.js';
import './components/m365-alert.js';
import './views/accounts/m365-accounts-view.js';
import './views/activity/m365-activity-view.js';
import './views/consumers/m365-consumers-view.js';
import './views/guide/m365-guide-view.js';
import './views/home-assistant/m365-ha-features.js';
import './views/sign-in/m365-sign-in-view.js';
import './views/m365-integrations-view.js';

const TABS: Array<[RouteName, string]> = [['guide', 'Guide'], ['sign-in', 'Sign in'], ['accounts', 'Accounts'], ['consumers', 'Consumers'], ['activity', 'Activity'], ['ms365', 'MS365 integrations']];

/**
 * The app shell: toolbar, section tabs, the current view and one polite live region that reads out
 * what views announce. Views reload their own data when shown; the shell keeps only the counts.
 */
@customElement('m365-app')
export class M365App extends LitElement {
  @state() private _route: Route = parseRoute(location.hash);
  @state() private _status: ServiceStatus | undefined;
  /** MS365 integration entries, for the banner's "entry in trouble" lines (none outside Home Assistant). */
  @state() private _entries: Ms365EntryView[] = [];
  @state() private _announcement = '';
  private _userNavigated = false;
  private readonly _onHashChange = () => {
    this._route = parseRoute(location.hash);
    this._userNavigated = true;
    // The banner follows the user around: what was fixed on one page leaves it on the next.
    void this._loadStatus();
  };

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('hashchange', this._onHashChange);
    this.addEventListener('m365-announced', (e) => this._announce(e.detail.message));
    this.addEventListener('m365-changed', () => void this._loadStatus());
    void this._loadStatus();
  }

  override disconnectedCallback(): void {
    window.removeEventListener('hashchange', this._onHashChange);
    super.disconnectedCallback();
  }

  private async _loadStatus() {
    try {
      [this._status, this._entries] = await Promise.all([fetchStatus(), fetchMs365Entries().then((list) => list.entries, () => [])]);
    } catch {
      // Each view shows its own load error; the shell just goes without counts.
    }
    if (this._route.name === '' && this._status) {
      // A first visit lands on the guide; once set up, on the accounts.
      history.replaceState(null, '', this._status.counts.app_registrations ? '#/accounts' : '#/guide');
      this._route = parseRoute(location.hash);
    }
  }

  private _announce(message: string) {
    // Clearing first makes a repeated message be read again.
    this._announcement = '';
    requestAnimationFrame(() => (this._announcement = message));
  }

  protected override async updated(changed: Map<string, unknown>): Promise<void> {
    if (!changed.has('_route') || !this._userNavigated) return;
    this._userNavigated = false;
    // Deep links into a guide step focus that step instead (the guide does it).
    if (this._route.name === 'guide' && this._route.param) return;
    const view = this.renderRoot.querySelector('main > *') as LitElement | null;
    await view?.updateComplete;
    view?.shadowRoot?.querySelector<HTMLElement>('h1')?.focus();
  }

  override render() {
    // The badge counts what the account cards show (accounts to sign in again); everything else is in the banner.
    const needing = this._status?.counts.accounts_needing_sign_in ?? 0;
    const attention = [...alertItems(this._status?.alerts ?? []), ...entryItems(this._entries)];
    // The service refuses changes from non-admins anyway; the panel says so up front.
    const readOnly = this._status?.is_admin === false;
    return html`<header class="toolbar"><span class="title">Microsoft 365 sign-in</span></header>
      <nav aria-label="Sections"><ul>
        ${TABS.map(([name, label]) => html`<li><a href=${`#/${name}`} aria-current=${this._route.name === name ? 'page' : nothing}>${label}${
          name === 'accounts' && needing ? html` <span class="badge">${needing}<span class="visually-hidden"> ${needing === 1 ? 'needs' : 'need'} attention</span></span>` : nothing}</a></li>`)}
      </ul></nav>
      <main>
        <m365-attention .items=${attention}></m365-attention>
        ${readOnly ? html`<m365-alert kind="info" heading="Read only">
            <p>Only a Home Assistant administrator can change the set-up, sign accounts in or out, or manage consumers. You can look around.</p></m365-alert>` : nothing}
        <m365-ha-features .ha=${this._status?.home_assistant}></m365-ha-features>
        ${this._renderView(readOnly)}
      </main>
      <div class="visually-hidden" role="status" aria-live="polite">${this._announcement}</div>`;
  }

  private _renderView(readOnly: boolean) {
    const { name, param, query } = this._route;
    switch (name) {
      case 'guide': return html`<m365-guide-view focusStep=${param} ?readOnly=${readOnly}></m365-guide-view>`;
      case 'sign-in': return html`<m365-sign-in-view appId=${query.get('app') ?? ''} accountId=${query.get('account') ?? ''} ?readOnly=${readOnly}></m365-sign-in-view>`;
      case 'accounts': return html`<m365-accounts-view focusApp=${param} ?readOnly=${readOnly}></m365-accounts-view>`;
      case 'consumers': return html`<m365-consumers-view ?readOnly=${readOnly}></m365-consumers-view>`;
      case 'activity': return html`<m365-activity-view></m365-activity-view>`;
      case 'ms365': return html`<m365-integrations-view ?readOnly=${readOnly}></m365-integrations-view>`;
      default: return html`<p role="status">Loading…</p>`;
    }
  }

  static override styles = [
    tokens,
    shared,
    css`
      :host { display: block; min-height: 100vh; background: var(--m365-background); }
      .toolbar { background: var(--m365-header-background); color: var(--m365-header-text); padding: 0 var(--m365-space-4); height: 56px; display: flex; align-items: center; border-block-end: 1px solid var(--m365-divider); }
      .title { font-size: 1.25rem; font-weight: 400; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
      nav { background: var(--m365-card); border-block-end: 1px solid var(--m365-divider); }
      nav ul { list-style: none; display: flex; flex-wrap: wrap; margin: 0 auto; padding: 0 var(--m365-space-2); max-width: 56rem; }
      nav a { display: block; padding: var(--m365-space-3) var(--m365-space-3); color: var(--m365-text); text-decoration: none; font-weight: 500; border-block-end: 3px solid transparent; }
      nav a[aria-current='page'] { color: var(--m365-link); border-block-end-color: var(--m365-primary); }
      .badge { background: var(--m365-error-text); color: var(--m365-card); border-radius: 10px; padding: 0 6px; font-size: 0.8rem; }
      main { max-width: 56rem; margin: 0 auto; padding: var(--m365-space-4); }
      @media (max-width: 420px) { main { padding: var(--m365-space-3); } nav a { padding-inline: var(--m365-space-2); } }
    `,
  ];
}

declare global {
  interface HTMLElementTagNameMap {
    'm365-app': M365App;
  }
}
