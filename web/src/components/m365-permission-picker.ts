import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import {
  emptyPicks,
  planPermissions,
  type Level,
  type PermissionPicks,
} from '../../../shared/ms365-permissions.js';
import { fire } from '../events.js';
import { shared } from '../styles/shared.js';
import './m365-alert.js';
import './m365-copy-field.js';

type Integration = Exclude<keyof PermissionPicks, 'custom'>;

const NAMES: Record<Integration, string> = {
  calendar: 'MS365 Calendar',
  mail: 'MS365 Mail',
  todo: 'MS365 ToDo',
  teams: 'MS365 Teams',
  contacts: 'MS365 Contacts',
};

/**
 * What the user wants the MS365 integrations (or other add-ons) to do, and the exact delegated
 * Graph permissions that follow, computed by the shared rules module.
 * @fires m365-picks-changed - on every change, with the new picks and the custom text
 */
@customElement('m365-permission-picker')
export class M365PermissionPicker extends LitElement {
  @property({ attribute: false }) picks: PermissionPicks = emptyPicks();
  @property() customScopes = '';

  override render() {
    const plan = planPermissions({ ...this.picks, custom: [this.customScopes] });
    return html`
      ${this._integration('calendar', html`
        ${this._check('calendar', 'update', 'Create, change and delete events')}
        ${this._check('calendar', 'basic', 'Basic calendar only (times and subjects, no details)')}
        ${this._check('calendar', 'shared', 'A shared mailbox’s calendar')}
        ${this._check('calendar', 'groups', 'Microsoft 365 group calendars')}`)}
      ${this._integration('mail', html`
        ${this._check('mail', 'send', 'Send mail (the notify service)')}
        ${this._check('mail', 'autoreply', 'Set automatic replies')}
        ${this._check('mail', 'shared', 'A shared mailbox')}`)}
      ${this._integration('todo', this._check('todo', 'update', 'Create and complete tasks'))}
      ${this._integration('teams', html`
        ${this._level('chat', 'Chat')}
        ${this._level('presence', 'Status (presence)')}
        ${this._check('teams', 'alternateEmail', 'Status of another person (alternate email)')}`)}
      ${this._integration('contacts', this._check('contacts', 'shared', 'A shared mailbox’s contacts'))}
      <div class="field">
        <label for="custom">Other permissions, for other add-ons (optional)</label>
        <textarea id="custom" rows="2" aria-describedby="custom-hint" .value=${this.customScopes} @input=${this._onCustom}></textarea>
        <p class="hint" id="custom-hint">Microsoft Graph delegated permission names separated by spaces, such as Files.Read Sites.Read.All.</p>
      </div>
      ${plan.problems.map((p) => html`<m365-alert kind="error" live>${p.text}</m365-alert>`)}
      ${plan.warnings.map((w) => html`<m365-alert kind="warning">${w.text}</m365-alert>`)}
      <h3 id="list-heading">Add exactly these ${plan.scopes.length} delegated permissions</h3>
      <ul class="chips" aria-labelledby="list-heading">${plan.scopes.map((s) => html`<li>${s}</li>`)}</ul>
      <m365-copy-field class="copy" label="Permission list" multiline .value=${plan.scopes.join('\n')}></m365-copy-field>
    `;
  }

  private _integration(id: Integration, options: unknown) {
    const enabled = this.picks[id].enabled;
    return html`<fieldset>
      <legend>${NAMES[id]}</legend>
      <label class="choice"><input type="checkbox" .checked=${enabled} @change=${(e: Event) => this._set(id, 'enabled', checked(e))} />
        <span>Use ${NAMES[id]}</span></label>
      ${enabled ? html`<div class="options">${options}</div>` : nothing}
    </fieldset>`;
  }

  private _check<I extends Integration>(id: I, key: keyof PermissionPicks[I] & string, label: string) {
    const value = Boolean(this.picks[id][key]);
    return html`<label class="choice"><input type="checkbox" .checked=${value} @change=${(e: Event) => this._set(id, key, checked(e))} />
      <span>${label}</span></label>`;
  }

  private _level(key: 'chat' | 'presence', legend: string) {
    const current = this.picks.teams[key];
    const levels: Array<[Level, string]> = [['off', 'Off'], ['read', 'Read'], ['update', 'Read and update']];
    return html`<fieldset class="levels"><legend>${legend}</legend>
      ${levels.map(([level, label]) => html`<label class="choice"><input type="radio" name=${`teams-${key}`} .checked=${current === level}
        @change=${() => this._set('teams', key, level)} /><span>${label}</span></label>`)}
    </fieldset>`;
  }

  private _set(id: Integration, key: string, value: unknown) {
    const picks = { ...this.picks, [id]: { ...this.picks[id], [key]: value } } as PermissionPicks;
    fire(this, 'm365-picks-changed', { picks, customScopes: this.customScopes });
  }

  private _onCustom(event: Event) {
    fire(this, 'm365-picks-changed', { picks: this.picks, customScopes: (event.target as HTMLTextAreaElement).value });
  }

  static override styles = [
    shared,
    css`
      :host { display: block; }
      .options { padding-inline-start: var(--m365-space-4); border-inline-start: 2px solid var(--m365-divider); }
      .levels { display: flex; flex-wrap: wrap; gap: 0 var(--m365-space-4); }
      .levels legend { width: 100%; }
      .chips { margin-block-end: var(--m365-space-3); }
      .copy { margin-block-start: var(--m365-space-3); }
    `,
  ];
}

const checked = (event: Event): boolean => (event.target as HTMLInputElement).checked;

declare global {
  interface HTMLElementTagNameMap {
    'm365-permission-picker': M365PermissionPicker;
  }
}
