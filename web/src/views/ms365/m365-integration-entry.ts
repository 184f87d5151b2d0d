import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { Ms365EntryView } from '../../api/ms365.js';
import { checkEntryCapabilities } from '../../api/capabilities.js';
import '../../components/m365-alert.js';
import '../../components/m365-capability-check.js';
import { cloudLabel, formatDateTime } from '../../format.js';
import { shared } from '../../styles/shared.js';
import { fire } from '../../events.js';

const HEALTH: Record<string, { label: string; icon: string; tone: string }> = {
  ok: { label: 'Working', icon: '✓', tone: 'ok' },
  attention: { label: 'Needs attention', icon: '!', tone: 'warn' },
  needs_sign_in: { label: 'Needs sign-in', icon: '!', tone: 'bad' },
  not_usable: { label: 'Not managed by the add-on', icon: '–', tone: 'muted' },
};

const FILE_STATES: Record<string, string> = {
  ok: 'Present and readable',
  missing: 'Missing',
  unreadable: 'Cannot be read',
  corrupted: 'Damaged',
  outdated: 'Old format',
  empty: 'No sign-in in it',
  unknown: 'Unknown',
};

/**
 * One MS365 config entry of Home Assistant: its health, HA's state, its token file, needed against
 * granted permissions, the refresh token's 90-day window, keep-alive, and the sign-in-again action.
 * @fires m365-entry-sign-in-requested
 * @fires m365-entry-keep-alive-changed
 * @fires m365-entry-refresh-requested
 */
@customElement('m365-integration-entry')
export class M365IntegrationEntry extends LitElement {
  @property({ attribute: false }) entry: Ms365EntryView | undefined;
  @property({ type: Boolean }) readOnly = false;
  @property({ type: Boolean }) busy = false;
  @state() private _days = 14;

  protected override willUpdate(changed: Map<string, unknown>): void {
    if (changed.has('entry') && this.entry) this._days = this.entry.keep_alive.after_days;
  }

  override render() {
    const e = this.entry;
    if (!e) return nothing;
    const health = HEALTH[e.health] ?? HEALTH.ok!;
    const name = `${e.domain_label} · ${e.title || e.entity_name || e.entry_id}`;
    return html`<article class="card" aria-labelledby="name">
      <h2 id="name">${name}</h2>
      <p class="status ${health.tone}"><span aria-hidden="true">${health.icon}</span> ${health.label}</p>
      ${e.notes.length ? html`<ul class="notes">${e.notes.map((note) => html`<li>${note}</li>`)}</ul>` : nothing}
      <dl>
        <dt>In Home Assistant</dt><dd>${e.ha.state ? e.ha.state.replace(/_/g, ' ') : 'state unknown'}${e.ha.disabled_by ? ' (disabled)' : ''}</dd>
        <dt>Name</dt><dd class="mono">${e.entity_name ?? '—'}</dd>
        <dt>Client ID</dt><dd class="mono">${e.client_id ?? '—'}</dd>
        <dt>Cloud</dt><dd>${e.cloud ? cloudLabel(e.cloud) : e.country ?? '—'}${e.tenant && e.tenant !== 'common' ? html`, tenant <span class="mono">${e.tenant}</span>` : nothing}</dd>
        <dt>Token file</dt><dd>${FILE_STATES[e.token_file.state] ?? e.token_file.state}${e.token_file.username ? `, ${e.token_file.username}` : ''}
          ${e.token_file.path ? html`<br /><span class="mono small">${e.token_file.path}</span>` : nothing}</dd>
        ${this._renderWindow(e)}
      </dl>
      ${this._renderPermissions(e)}
      ${e.usable && !this.readOnly && e.token_file.state === 'ok'
        ? html`<m365-capability-check subject=${e.title} .run=${() => checkEntryCapabilities(e.entry_id)}></m365-capability-check>`
        : nothing}
      ${e.usable && !this.readOnly ? this._renderActions(e) : nothing}
    </article>`;
  }

  private _renderWindow(e: Ms365EntryView) {
    const t = e.token_file;
    if (t.refresh_token_days_left === null) return nothing;
    const left = Math.max(0, t.refresh_token_days_left);
    return html`<dt>Refresh token</dt><dd>${t.refresh_token_age_days} days old, ${left} of 90 days left
      <br /><span class="secondary small">Last refreshed ${formatDateTime(t.last_refresh_at)}</span></dd>`;
  }

  private _renderPermissions(e: Ms365EntryView) {
    const granted = e.permissions.granted ?? [];
    return html`<h3 id="needed">Permissions the entry needs</h3>
      <ul class="chips" aria-labelledby="needed">
        ${e.permissions.needed.map((scope) => {
          const missing = e.permissions.missing.includes(scope);
          return html`<li class=${missing ? 'missing' : ''}>${scope}${missing ? html` <span aria-hidden="true">✗</span><span class="visually-hidden"> (missing)</span>` : nothing}</li>`;
        })}
      </ul>
      ${granted.length ? html`<p class="secondary small">In the token file: ${granted.join(', ')}</p>` : nothing}
      ${e.permissions.problems.map((problem) => html`<m365-alert kind="warning"><p>${problem}</p></m365-alert>`)}`;
  }

  private _renderActions(e: Ms365EntryView) {
    const last = e.keep_alive.last;
    return html`<div class="row actions">
        <button type="button" class=${e.health === 'ok' ? '' : 'primary'} ?disabled=${this.busy} @click=${this._onSignIn}>
          Sign in again<span class="visually-hidden"> for ${e.title}</span></button>
        <button type="button" ?disabled=${this.busy} @click=${() => fire(this, 'm365-entry-reconfigure-requested', { entryId: e.entry_id })}>
          Reconfigure<span class="visually-hidden"> ${e.title}</span></button>
      </div>
      <fieldset>
        <legend>Keep-alive</legend>
        <label class="choice"><input type="checkbox" .checked=${e.keep_alive.enabled} ?disabled=${this.busy} @change=${this._onKeepAlive} />
          Refresh the token file when the integration has not refreshed it for</label>
        <div class="row">
          <input id="days" type="number" min="1" max="80" .value=${String(this._days)} ?disabled=${this.busy} aria-label="Days without a refresh"
            @change=${this._onDays} />
          <span>days</span>
          <button type="button" ?disabled=${this.busy || e.token_file.state !== 'ok'} @click=${this._onRefresh}>Refresh now<span class="visually-hidden"> ${e.title}</span></button>
        </div>
        ${last ? html`<p class="hint">Last keep-alive ${formatDateTime(last.at)}: ${last.outcome.replace('_', ' ')}${last.detail ? ` (${last.detail})` : ''}.</p>` : nothing}
      </fieldset>`;
  }

  private _onSignIn() {
    if (this.entry) fire(this, 'm365-entry-sign-in-requested', { entryId: this.entry.entry_id });
  }

  private _onKeepAlive(event: Event) {
    if (!this.entry) return;
    const enabled = (event.target as HTMLInputElement).checked;
    fire(this, 'm365-entry-keep-alive-changed', { entryId: this.entry.entry_id, enabled, afterDays: this._days });
  }

  private _onDays(event: Event) {
    const value = Math.round(Number((event.target as HTMLInputElement).value));
    this._days = Number.isFinite(value) ? Math.min(80, Math.max(1, value)) : 14;
    if (this.entry?.keep_alive.enabled) fire(this, 'm365-entry-keep-alive-changed', { entryId: this.entry.entry_id, enabled: true, afterDays: this._days });
  }

  private _onRefresh() {
    if (this.entry) fire(this, 'm365-entry-refresh-requested', { entryId: this.entry.entry_id });
  }

  static override styles = [
    shared,
    css`
      :host { display: block; }
      h2 { margin-block-end: 0; overflow-wrap: anywhere; }
      .status { font-weight: 500; margin-block: var(--m365-space-2); }
      .status.ok { color: var(--m365-success-text); }
      .status.bad { color: var(--m365-error-text); }
      .status.warn { color: var(--m365-warning-text); }
      .status.muted { color: var(--m365-text-secondary); }
      .notes { margin-block-end: var(--m365-space-3); }
      .small { font-size: 0.85rem; }
      .chips li.missing { outline: 2px solid var(--m365-error-text); }
      .actions { margin-block: var(--m365-space-3); }
      input[type='number'] { font: inherit; width: 5em; min-height: 40px; padding: var(--m365-space-1) var(--m365-space-2); border: 1px solid var(--m365-outline); border-radius: var(--m365-radius-small); background: var(--m365-card); color: var(--m365-text); }
    `,
  ];
}

declare global {
  interface HTMLElementTagNameMap {
    'm365-integration-entry': M365IntegrationEntry;
  }
}
