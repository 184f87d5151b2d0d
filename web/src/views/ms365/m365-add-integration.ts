import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { fetchAppRegistrations } from '../../api/app-registrations.js';
import { type ApiError, toApiError } from '../../api/client.js';
import type { Ms365EntryView } from '../../api/ms365.js';
import {
  abandonFlowOnLeave,
  cancelFlow,
  fetchIntegrationOptions,
  fetchIntegrations,
  finishFlow,
  pasteIntoFlow,
  startFlow,
  startReconfigure,
  type FlowFinished,
  type FlowMethod,
  type FlowStarted,
  type IntegrationView,
  type OptionField,
} from '../../api/ms365-flows.js';
import type { AppRegistrationView, StartedSignIn } from '../../api/types.js';
import '../../components/m365-alert.js';
import '../../components/m365-diagnosis.js';
import '../../components/m365-paste-back-panel.js';
import { fire } from '../../events.js';
import { BASE_PERMISSIONS, entityNameHint, wordsFor } from '../../ms365/option-words.js';
import { shared } from '../../styles/shared.js';

/** The add-on abandons a flow idle this long; the panel shows the same limit. */
const IDLE_MS = 10 * 60_000;

/**
 * "Add an MS365 integration" (or reconfigure one entry): the integration's own config flow in Home
 * Assistant, driven by the add-on. The user picks the integration, a name, a saved app registration
 * and the options the integration asks for; signs in by paste-back (or the alternate method); the
 * entry then shows on the MS365 integrations page. Cancel, or leaving the page, abandons the flow.
 * @fires m365-integration-added
 * @fires m365-add-integration-closed
 */
@customElement('m365-add-integration')
export class M365AddIntegration extends LitElement {
  /** Set to reconfigure this entry instead of adding one. */
  @property({ attribute: false }) entry: Ms365EntryView | undefined;
  @state() private _integrations: IntegrationView[] | undefined;
  @state() private _registrations: AppRegistrationView[] = [];
  @state() private _domain = '';
  @state() private _fields: OptionField[] | undefined;
  @state() private _name = '';
  @state() private _registration = '';
  @state() private _method: FlowMethod = 'paste_back';
  @state() private _options: Record<string, unknown> = {};
  @state() private _started: FlowStarted | undefined;
  @state() private _finished: FlowFinished | undefined;
  @state() private _busy = false;
  @state() private _error: ApiError | undefined;
  private _startedAt = 0;
  private readonly _onPageHide = () => this._abandon();

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('pagehide', this._onPageHide);
    void this._load();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('pagehide', this._onPageHide);
    // Leaving the page (or the view) abandons an unfinished flow in HA.
    this._abandon();
  }

  private _abandon() {
    if (this._started && !this._finished) abandonFlowOnLeave(this._started.flow_id);
    this._started = undefined;
  }

  private async _load() {
    try {
      const [list, registrations] = await Promise.all([fetchIntegrations(), fetchAppRegistrations()]);
      this._integrations = list.integrations;
      this._registrations = registrations;
      this._registration = registrations[0]?.id ?? '';
      if (this.entry) await this._pick(this.entry.domain);
    } catch (error) {
      this._error = toApiError(error);
    }
  }

  override render() {
    const title = this.entry ? `Reconfigure ${this.entry.domain_label} · ${this.entry.title}` : 'Add an MS365 integration';
    return html`<section class="card" aria-labelledby="add-heading">
      <h2 id="add-heading" tabindex="-1">${title}</h2>
      ${this._finished ? this._renderFinished(this._finished) : this._started ? this._renderSignIn(this._started) : this._renderForm()}
      <p class="close"><button type="button" @click=${this._onClose}>${this._finished ? 'Close' : 'Cancel'}</button></p>
    </section>`;
  }

  private _renderForm() {
    if (!this._integrations) return this._error ? html`<m365-diagnosis live .error=${this._error}></m365-diagnosis>` : html`<p role="status">Loading…</p>`;
    return html`${this.entry ? nothing : this._renderPicker(this._integrations)}
      ${this._domain && this._fields ? this._renderDetails() : nothing}
      ${this._error ? html`<m365-diagnosis live .error=${this._error}></m365-diagnosis>` : nothing}`;
  }

  private _renderPicker(integrations: IntegrationView[]) {
    return html`<fieldset>
      <legend>Integration</legend>
      ${integrations.map((i) => html`<label class="choice">
          <input type="radio" name="domain" .checked=${this._domain === i.domain} ?disabled=${!i.installed || this._busy} @change=${() => this._pick(i.domain)} />
          <span>${i.title} ${i.installed ? html`<span class="secondary">(installed)</span>` : html`<span class="secondary">— not installed: install “${i.title.replace('MS365', 'Microsoft 365 -')}” with HACS (HACS → Integrations), restart Home Assistant, then reload this page.</span>`}</span>
        </label>`)}
    </fieldset>`;
  }

  private _renderDetails() {
    const hint = entityNameHint(this._name);
    const noRegistration = this._registrations.length === 0;
    return html`${this.entry
        ? nothing
        : html`<div class="field">
            <label for="entity-name">Name for the entries</label>
            <input id="entity-name" autocomplete="off" spellcheck="false" .value=${this._name} aria-invalid=${hint ? 'true' : 'false'} aria-describedby="entity-name-hint"
              @input=${(e: Event) => (this._name = (e.target as HTMLInputElement).value)} />
            <p class="hint" id="entity-name-hint">${hint ?? 'A short name such as “work” or “family”: letters, digits, “_” and “-”. It becomes part of the entities’ names and of the token file’s name, and cannot be changed later.'}</p>
          </div>`}
      <div class="field">
        <label for="registration">App registration</label>
        ${noRegistration
          ? html`<m365-alert kind="warning" heading="No app registration saved yet"><p>Enter your Entra app registration in the Guide first; its client ID and secret are then used here without typing them again.</p></m365-alert>`
          : html`<select id="registration" .value=${this._registration} @change=${(e: Event) => (this._registration = (e.target as HTMLSelectElement).value)}>
              ${this._registrations.map((r) => html`<option value=${r.id} ?selected=${r.id === this._registration}>${r.display_name} (${r.client_id}, ${r.cloud}, tenant ${r.tenant})</option>`)}
            </select>
            <p class="hint">Its client ID, secret, cloud and tenant go to Home Assistant, which keeps them in the new entry. The permissions below must be added to it in Entra.</p>`}
      </div>
      <p>The integration always asks for ${BASE_PERMISSIONS[this._domain] ?? 'User.Read'} (and offline_access).</p>
      ${this._fields!.length > 0 ? html`<fieldset><legend>Options</legend>${this._fields!.map((f) => this._renderField(f))}</fieldset>` : nothing}
      <fieldset>
        <legend>How Microsoft sends you back</legend>
        <label class="choice"><input type="radio" name="flow-method" .checked=${this._method === 'paste_back'} @change=${() => (this._method = 'paste_back')} />
          <span>Paste-back: copy the address of Microsoft’s blank page. The app registration needs the redirect URI
            <span class="mono">${this._registrations.find((r) => r.id === this._registration)?.paste_back_redirect_uri ?? 'https://login.microsoftonline.com/common/oauth2/nativeclient'}</span> under Web (its cloud’s blank page).</span></label>
        <label class="choice"><input type="radio" name="flow-method" .checked=${this._method === 'alternate'} @change=${() => (this._method = 'alternate')} />
          <span>Alternate: Home Assistant catches the redirect at &lt;its external URL&gt;/api/ms365, which must be reachable from the internet and registered under Web.</span></label>
      </fieldset>
      <button type="button" class="primary" ?disabled=${this._busy || noRegistration || (!this.entry && (this._name === '' || hint !== null))} @click=${this._onStart}>
        ${this._busy ? 'Starting…' : this.entry ? 'Start reconfiguring' : 'Start set-up'}</button>`;
  }

  private _renderField(field: OptionField, section?: string): unknown {
    const id = `option-${section ? `${section}-` : ''}${field.name}`;
    const words = wordsFor(this._domain, field.name);
    const value = this._valueOf(field, section);
    const set = (v: unknown) => this._set(field.name, v, section);
    const described = words.needs ? html`<p class="hint" id=${`${id}-needs`}>${words.needs}</p>` : nothing;
    switch (field.type) {
      case 'boolean':
        return html`<label class="choice"><input id=${id} type="checkbox" .checked=${value === true} aria-describedby=${`${id}-needs`} @change=${(e: Event) => set((e.target as HTMLInputElement).checked)} />
          <span>${words.label}</span></label>${described}`;
      case 'select':
        return html`<div class="field"><label for=${id}>${words.label}</label>
          <select id=${id} aria-describedby=${`${id}-needs`} @change=${(e: Event) => set((e.target as HTMLSelectElement).value)}>
            ${(field.options ?? []).map(([v, label]) => html`<option value=${v} ?selected=${v === value}>${label}</option>`)}
          </select>${described}</div>`;
      case 'multi_select':
        return html`<fieldset><legend>${words.label}</legend>${(field.options ?? []).map(([v, label]) => html`<label class="choice">
            <input type="checkbox" .checked=${Array.isArray(value) && value.includes(v)} @change=${(e: Event) => set(toggle(value, v, (e.target as HTMLInputElement).checked))} /><span>${label}</span></label>`)}</fieldset>${described}`;
      case 'integer':
        return html`<div class="field"><label for=${id}>${words.label}</label>
          <input id=${id} type="number" step="1" .value=${value === undefined ? '' : String(value)} aria-describedby=${`${id}-needs`} @change=${(e: Event) => set(Number((e.target as HTMLInputElement).value))} />${described}</div>`;
      case 'constant':
        return html`<p>${words.label}: <span class="mono">${String(field.value)}</span></p>`;
      case 'expandable':
        return html`<details><summary>${words.label}</summary>${(field.schema ?? []).map((inner) => this._renderField(inner, field.name))}</details>`;
      default:
        return html`<div class="field"><label for=${id}>${words.label}</label>
          <input id=${id} autocomplete="off" .value=${value === undefined || value === null ? '' : String(value)} aria-describedby=${`${id}-needs`} @input=${(e: Event) => set((e.target as HTMLInputElement).value)} />${described}</div>`;
    }
  }

  private _valueOf(field: OptionField, section?: string): unknown {
    const holder = section ? ((this._options[section] ?? {}) as Record<string, unknown>) : this._options;
    if (field.name in holder) return holder[field.name];
    return field.default ?? field.suggested_value;
  }

  private _set(name: string, value: unknown, section?: string) {
    this._options = section ? { ...this._options, [section]: { ...((this._options[section] ?? {}) as object), [name]: value } } : { ...this._options, [name]: value };
  }

  private _renderSignIn(started: FlowStarted) {
    if (started.method === 'alternate') {
      return html`<ol class="steps">
          <li><a class="button primary" href=${started.auth_url} target="_blank" rel="noopener noreferrer">Open Microsoft sign-in in a new tab</a></li>
          <li>Sign in and accept. Microsoft sends you to Home Assistant (<span class="mono">${started.redirect_uri}</span>), which says “This window can be closed”.</li>
          <li>Come back here and press the button.</li>
        </ol>
        <button type="button" class="primary" ?disabled=${this._busy} @click=${this._onFinish}>${this._busy ? 'Checking…' : 'I have signed in'}</button>
        ${this._error ? html`<m365-diagnosis live .error=${this._error}></m365-diagnosis>` : nothing}`;
    }
    // The add-on's own paste-back panel: same steps, Safari note, wrongplace way-out and tolerant clean-up.
    const asSignIn = { state: '', method: 'paste_back', authorize_url: started.auth_url, redirect_uri: started.redirect_uri, landing_uri: started.landing_uri, expires_at: new Date(this._startedAt + IDLE_MS).toISOString() } as unknown as StartedSignIn;
    return html`<p>Home Assistant’s set-up for <strong>${started.entity_name}</strong> is waiting for the sign-in. The link is the integration’s own; the add-on checks the address you paste against it before Home Assistant sees it.</p>
      <m365-paste-back-panel .started=${asSignIn} ?busy=${this._busy} .error=${this._error} @m365-url-submitted=${this._onPasted}></m365-paste-back-panel>`;
  }

  private _renderFinished(done: FlowFinished) {
    const what = done.result === 'reconfigured' ? 'Home Assistant reconfigured the entry' : 'Home Assistant created the entry';
    return html`<m365-alert kind="success" heading=${`${what}: ${this._started?.entity_name ?? this.entry?.title ?? ''}`}>
      <p>It now shows on the MS365 integrations page with its health.</p></m365-alert>`;
  }

  private async _pick(domain: string) {
    this._domain = domain;
    this._fields = undefined;
    this._options = {};
    this._error = undefined;
    try {
      this._fields = (await fetchIntegrationOptions(domain)).fields;
    } catch (error) {
      this._error = toApiError(error);
    }
  }

  private async _onStart() {
    this._busy = true;
    this._error = undefined;
    try {
      const input = { app_registration_id: this._registration, options: this._options, method: this._method };
      this._started = this.entry ? await startReconfigure(this.entry.entry_id, input) : await startFlow({ ...input, domain: this._domain, entity_name: this._name });
      this._startedAt = Date.now();
    } catch (error) {
      this._error = toApiError(error);
    } finally {
      this._busy = false;
    }
  }

  private async _onPasted(event: CustomEvent<{ url: string }>) {
    await this._complete(() => pasteIntoFlow(this._started!.flow_id, event.detail.url));
  }

  private async _onFinish() {
    await this._complete(() => finishFlow(this._started!.flow_id));
  }

  private async _complete(action: () => Promise<FlowFinished>) {
    if (!this._started) return;
    this._busy = true;
    this._error = undefined;
    try {
      this._finished = await action();
      fire(this, 'm365-integration-added', { entryId: this._finished.entry_id });
    } catch (error) {
      const apiError = toApiError(error);
      // The add-on abandoned the flow (or HA ended it): back to the form.
      if (apiError.code === 'ms365_flow_not_found' || apiError.code === 'ms365_flow_aborted') this._started = undefined;
      this._error = apiError;
    } finally {
      this._busy = false;
    }
  }

  private async _onClose() {
    const open = this._started && !this._finished ? this._started.flow_id : undefined;
    this._started = undefined;
    if (open) await cancelFlow(open).catch(() => undefined);
    fire(this, 'm365-add-integration-closed', {});
  }

  static override styles = [
    shared,
    css`
      :host { display: block; }
      .steps > li { margin-block-end: var(--m365-space-3); }
      details { margin-block: var(--m365-space-2); }
      .close { margin-block-start: var(--m365-space-3); }
    `,
  ];
}

function toggle(value: unknown, option: string, on: boolean): string[] {
  const list = Array.isArray(value) ? (value as string[]).filter((v) => v !== option) : [];
  return on ? [...list, option] : list;
}

declare global {
  interface HTMLElementTagNameMap {
    'm365-add-integration': M365AddIntegration;
  }
}
