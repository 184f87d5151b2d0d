import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { toApiError, type ApiError } from '../api/client.js';
import type { CapabilityFeature, CapabilityReport } from '../api/capabilities.js';
import { formatDateTime } from '../format.js';
import { shared } from '../styles/shared.js';
import './m365-alert.js';

const FEATURE_NAMES: Record<CapabilityFeature['feature'], string> = {
  profile: 'Profile',
  calendars: 'Calendars',
  shared_calendars: 'Shared mailbox calendars',
  mail_folders: 'Mail folders',
  todo_lists: 'To Do lists',
  contacts: 'Contacts',
  presence: 'Teams status',
  chats: 'Teams chats',
};

const VERDICTS: Record<CapabilityFeature['verdict'], { label: string; icon: string; tone: string }> = {
  works: { label: 'Works', icon: '✔', tone: 'ok' },
  missing_permission: { label: 'Missing permission', icon: '✖', tone: 'bad' },
  not_available: { label: 'Not available', icon: '–', tone: 'warn' },
  not_shared: { label: 'Not shared with you', icon: '✖', tone: 'bad' },
  refused: { label: 'Microsoft refused', icon: '✖', tone: 'bad' },
};

/**
 * "Check what works": a button that runs the check (hidden when read-only or without `run`) and the
 * table of verdicts in plain words. The result screen passes a finished `report` and no `run`.
 */
@customElement('m365-capability-check')
export class M365CapabilityCheck extends LitElement {
  @property({ attribute: false }) report: CapabilityReport | null | undefined;
  /** Runs the check; absent: only the given report is shown. */
  @property({ attribute: false }) run: (() => Promise<CapabilityReport>) | undefined;
  @property({ type: Boolean }) readOnly = false;
  /** Names what is checked for screen readers: "Check what works for Adele". */
  @property() subject = '';
  @state() private _busy = false;
  @state() private _error: ApiError | undefined;

  override render() {
    const canRun = Boolean(this.run) && !this.readOnly;
    return html`${canRun
        ? html`<button type="button" ?disabled=${this._busy} @click=${this._check}>${this._busy ? 'Checking…' : 'Check what works'}${this.subject ? html`<span class="visually-hidden"> for ${this.subject}</span>` : nothing}</button>`
        : nothing}
      ${this._error ? html`<m365-alert kind="error" .heading=${this._error.message}><p>${this._error.fix ?? ''}</p></m365-alert>` : nothing}
      ${this.report ? this._renderTable(this.report) : nothing}`;
  }

  private _renderTable(report: CapabilityReport) {
    return html`<table aria-label="What works">
      <caption>What works <span class="secondary">(checked ${formatDateTime(report.checked_at)})</span></caption>
      <thead><tr><th scope="col">Feature</th><th scope="col">Result</th><th scope="col">Details</th></tr></thead>
      <tbody>
        ${report.features.map((f) => {
          const look = VERDICTS[f.verdict];
          return html`<tr data-feature=${f.feature} data-verdict=${f.verdict}>
            <th scope="row">${FEATURE_NAMES[f.feature]}</th>
            <td class=${look.tone}><span aria-hidden="true">${look.icon}</span> ${look.label}</td>
            <td>${f.detail}</td>
          </tr>`;
        })}
      </tbody>
    </table>`;
  }

  private async _check() {
    if (!this.run) return;
    this._busy = true;
    this._error = undefined;
    try {
      this.report = await this.run();
    } catch (error) {
      this._error = toApiError(error);
    } finally {
      this._busy = false;
    }
  }

  static override styles = [
    shared,
    css`
      :host { display: block; margin-block-start: var(--m365-space-3); }
      table { border-collapse: collapse; width: 100%; margin-block-start: var(--m365-space-2); }
      caption { text-align: start; font-weight: 500; }
      th, td { text-align: start; vertical-align: top; padding: var(--m365-space-1) var(--m365-space-2); border-block-end: 1px solid var(--m365-border, #ccc); }
      td.ok { color: var(--m365-success-text); white-space: nowrap; }
      td.warn { color: var(--m365-warning-text); white-space: nowrap; }
      td.bad { color: var(--m365-error-text); white-space: nowrap; }
    `,
  ];
}

declare global {
  interface HTMLElementTagNameMap {
    'm365-capability-check': M365CapabilityCheck;
  }
}
