import { LitElement, css, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { fetchAccounts } from '../../api/accounts.js';
import { fetchAudit } from '../../api/audit.js';
import { type ApiError, toApiError } from '../../api/client.js';
import type { AccountView, AuditLine } from '../../api/types.js';
import { accountChoices, consumerChoices, describeRequest, filterLines, resultChoices, type ActivityFilters } from '../../activity/audit-filter.js';
import '../../components/m365-alert.js';
import '../../components/m365-diagnosis.js';
import { fire } from '../../events.js';
import { formatDateTime } from '../../format.js';
import { shared } from '../../styles/shared.js';

/**
 * One cell. Explicit roles keep the table a table for screen readers when narrow screens stack its
 * cells; the stacked label comes from CSS with empty alternative text, as the header already names it.
 */
const cell = (label: string, content: unknown, className = '') =>
  html`<td role="cell" data-label=${label} class=${className}><span>${content}</span></td>`;

/** How many of the newest lines the page shows. */
const SHOWN_LINES = 200;

/** What other add-ons did with their keys: each token handed out, Graph call and refusal, newest first. */
@customElement('m365-activity-view')
export class M365ActivityView extends LitElement {
  @state() private _lines: AuditLine[] | undefined;
  @state() private _accounts: AccountView[] = [];
  @state() private _filters: ActivityFilters = { result: 'all', consumer: 'all', account: 'all' };
  @state() private _loading = false;
  @state() private _error: ApiError | undefined;

  override connectedCallback(): void {
    super.connectedCallback();
    void this._load();
  }

  private async _load(announce = false) {
    this._loading = true;
    try {
      const [lines, accounts] = await Promise.all([fetchAudit(SHOWN_LINES), fetchAccounts()]);
      this._lines = lines;
      this._accounts = accounts;
      this._error = undefined;
      if (announce) fire(this, 'm365-announced', { message: `Activity reloaded: ${lines.length} ${lines.length === 1 ? 'entry' : 'entries'}.` });
    } catch (error) {
      this._error = toApiError(error);
    } finally {
      this._loading = false;
    }
  }

  override render() {
    return html`<h1 tabindex="-1">Activity</h1>
      <p>Every token handed to another add-on or script, every Graph call made for one and every request refused, newest first. No token or key is ever written here.</p>
      ${this._error ? html`<m365-diagnosis live .error=${this._error}></m365-diagnosis>` : nothing}
      ${this._lines === undefined ? (this._error ? nothing : html`<p role="status">Loading…</p>`) : this._renderLines(this._lines)}`;
  }

  private _renderLines(lines: AuditLine[]) {
    if (lines.length === 0) {
      return html`<m365-alert kind="info" heading="No activity yet">
        <p>Entries appear when a <a href="#/consumers">consumer</a> asks for a token or calls Microsoft Graph through the add-on.</p></m365-alert>`;
    }
    const shown = filterLines(lines, this._filters);
    const select = (key: keyof ActivityFilters, label: string, choices: Array<{ value: string; label: string }>) =>
      html`<div class="field"><label for=${`filter-${key}`}>${label}</label>
        <select id=${`filter-${key}`} @change=${(e: Event) => (this._filters = { ...this._filters, [key]: (e.target as HTMLSelectElement).value })}>
          ${choices.map((c) => html`<option value=${c.value} ?selected=${c.value === this._filters[key]}>${c.label}</option>`)}
        </select></div>`;
    return html`<div class="row controls">
        ${select('consumer', 'Consumer', consumerChoices(lines))}
        ${select('account', 'Account', accountChoices(lines, this._accounts))}
        ${select('result', 'Result', resultChoices(lines))}
        <button type="button" aria-disabled=${this._loading ? 'true' : 'false'} @click=${this._onReload}>Reload</button>
      </div>
      <p class="secondary" role="status">Showing ${shown.length} of ${lines.length} ${lines.length === 1 ? 'entry' : 'entries'}${lines.length >= SHOWN_LINES ? ' (the newest only)' : ''}.</p>
      <table role="table">
        <caption class="visually-hidden">Consumer API activity, newest first</caption>
        <thead><tr role="row">${['Time', 'Consumer', 'Account', 'Request', 'Scopes', 'Result'].map((h) => html`<th scope="col" role="columnheader">${h}</th>`)}</tr></thead>
        <tbody>${shown.map((line) => this._renderLine(line))}</tbody>
      </table>`;
  }

  private _renderLine(line: AuditLine) {
    const account = line.account_id ? this._accounts.find((a) => a.id === line.account_id)?.username ?? 'a removed account' : '—';
    const ok = line.result === 'ok';
    const result = html`<span aria-hidden="true">${ok ? '✓' : '✗'}</span> ${ok ? 'OK' : line.result} <span class="secondary">(${line.status})</span>`;
    return html`<tr role="row">
      ${cell('Time', formatDateTime(line.time))}
      ${cell('Consumer', line.consumer_name ?? (line.consumer_id ? 'a revoked consumer' : 'unknown key'))}
      ${cell('Account', account)}
      ${cell('Request', html`<span class="mono">${describeRequest(line)}</span>`)}
      ${cell('Scopes', line.scopes.length ? line.scopes.join(' ') : '—')}
      ${cell('Result', result, ok ? 'ok' : 'bad')}
    </tr>`;
  }

  /** Not disabled while loading: a disabled button would drop the keyboard focus. */
  private _onReload() {
    if (!this._loading) void this._load(true);
  }

  static override styles = [
    shared,
    css`
      :host { display: block; }
      .controls { align-items: flex-end; margin-block-end: var(--m365-space-2); }
      .controls .field { margin: 0; min-width: min(14rem, 100%); }
      table { width: 100%; border-collapse: collapse; background: var(--m365-card); border-radius: var(--m365-radius); box-shadow: var(--m365-shadow); }
      th, td { text-align: start; padding: var(--m365-space-2); border-block-end: 1px solid var(--m365-divider); vertical-align: top; overflow-wrap: anywhere; }
      th { color: var(--m365-text-secondary); font-weight: 500; }
      td.ok { color: var(--m365-success-text); }
      td.bad { color: var(--m365-error-text); }
      @media (max-width: 40rem) {
        thead { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
        table, tbody, tr, td { display: block; }
        tr { padding: var(--m365-space-2) 0; border-block-end: 1px solid var(--m365-divider); }
        td { border: none; padding: 0 var(--m365-space-3); display: grid; grid-template-columns: 6.5em 1fr; gap: var(--m365-space-2); }
        td::before { content: attr(data-label) / ''; color: var(--m365-text-secondary); }
      }
    `,
  ];
}

declare global {
  interface HTMLElementTagNameMap {
    'm365-activity-view': M365ActivityView;
  }
}
