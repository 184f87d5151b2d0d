import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { planPermissions } from '../../../../shared/ms365-permissions.js';
import { fetchAppRegistrations, createAppRegistration, updateAppRegistration } from '../../api/app-registrations.js';
import { ApiError, toApiError } from '../../api/client.js';
import { fetchStatus } from '../../api/status.js';
import type { AppRegistrationView, ServiceStatus } from '../../api/types.js';
import type { M365GuideStep } from '../../components/m365-guide-step.js';
import '../../components/m365-guide-step.js';
import '../../components/m365-permission-picker.js';
import { fire } from '../../events.js';
import { GUIDE_STEPS, browserStorage, clearProgress, freshProgress, isGuideStep, loadProgress, nextOpenStep, saveProgress, type GuideProgress, type GuideStep } from '../../guide/progress.js';
import { checkClientIdInput, checkExpiryInput, checkSecretInput, checkTenantInput } from '../../guide/validate.js';
import { shared } from '../../styles/shared.js';
import { prerequisiteStepTitle } from '../../../../shared/prerequisite-steps.js';
import { clientIdStep, secretStep } from './steps-credentials.js';
import { accountTypesStep, directoryStep, redirectStep, redirectUriFor, registerStep, type StepContext } from './steps-portal.js';

// Steps whose tick follows their fields rather than the user's click.
const AUTOMATIC = new Set<GuideStep>(['client_id', 'client_secret']);

/** The prerequisites guide: seven steps in the Entra portal, remembered across visits. */
@customElement('m365-guide-view')
export class M365GuideView extends LitElement {
  /** A step to open and focus, from the address (#/guide/<step>). */
  @property() focusStep = '';
  /** A non-admin may read the guide but not save an app registration. */
  @property({ type: Boolean }) readOnly = false;
  @state() private _progress: GuideProgress = loadProgress(browserStorage());
  @state() private _status: ServiceStatus | undefined;
  @state() private _loadError: ApiError | undefined;
  @state() private _saved: AppRegistrationView | undefined;
  /** Every saved app registration: the guide offers them instead of making a duplicate. */
  @state() private _registrations: AppRegistrationView[] = [];
  @state() private _secret = '';
  @state() private _saving = false;
  @state() private _saveError: ApiError | undefined;

  override connectedCallback(): void {
    super.connectedCallback();
    void this._load();
  }

  private async _load() {
    try {
      const [status, registrations] = await Promise.all([fetchStatus(), fetchAppRegistrations()]);
      this._status = status;
      this._registrations = registrations;
      this._saved = registrations.find((r) => r.id === this._progress.appRegistrationId);
      // The registration was removed since: the guide must save a new one.
      if (this._progress.appRegistrationId && !this._saved) this._update({ appRegistrationId: null, done: { ...this._progress.done, client_secret: false } });
    } catch (error) {
      this._loadError = toApiError(error);
    }
  }

  protected override willUpdate(changed: Map<string, unknown>): void {
    if (changed.has('focusStep') && isGuideStep(this.focusStep)) this._progress = { ...this._progress, open: this.focusStep };
  }

  protected override async updated(changed: Map<string, unknown>): Promise<void> {
    if ((changed.has('focusStep') || changed.has('_status')) && isGuideStep(this.focusStep) && this._status) {
      const step = this.renderRoot.querySelector<M365GuideStep>(`m365-guide-step[step="${this.focusStep}"]`);
      await step?.updateComplete;
      step?.scrollIntoView({ block: 'start' });
      step?.focusHeading();
    }
  }

  override render() {
    const doneCount = GUIDE_STEPS.filter((step) => this._progress.done[step]).length;
    return html`<h1 tabindex="-1">Set up your app registration</h1>
      <p>Microsoft needs an app registration before anyone can sign in. Follow these steps in the Entra portal; this page remembers where you are, so you can come back at any time.</p>
      <p class="secondary" aria-live="polite">${doneCount} of ${GUIDE_STEPS.length} steps done.</p>
      ${this._loadError ? html`<m365-diagnosis live .error=${this._loadError}></m365-diagnosis>` : nothing}
      ${this._saved ? nothing : this._renderExisting()}
      ${this._status ? this._renderSteps(this._status) : this._loadError ? nothing : html`<p role="status">Loading…</p>`}
      <button type="button" @click=${this._onStartOver}>Start the guide over</button>`;
  }

  private _renderSteps(status: ServiceStatus) {
    const ctx: StepContext = { progress: this._progress, status, update: (patch) => this._update(patch), readOnly: this.readOnly };
    const content: Record<GuideStep, unknown> = {
      directory: directoryStep(),
      register_app: registerStep(ctx),
      account_types: accountTypesStep(ctx),
      redirect_uri: redirectStep(ctx),
      client_id: html`${clientIdStep(ctx)}${this._renderDuplicate()}`,
      client_secret: secretStep({
        ...ctx, secret: this._secret, onSecret: (v) => (this._secret = v), saving: this._saving, saveError: this._saveError,
        saved: this._saved, onSave: () => void this._onSave(status), canSave: this._canSave(status), now: new Date(),
      }),
      api_permissions: this._renderPermissions(),
    };
    // Home Assistant's redirect changed (a restart finished): the address to save may have too.
    return html`<div @m365-step-toggled=${this._onToggled} @m365-step-done-changed=${this._onDone} @m365-redirect-changed=${() => void fetchStatus().then((s) => (this._status = s), () => undefined)}>
      ${GUIDE_STEPS.map((step, index) => html`<m365-guide-step step=${step} number=${index + 1} heading=${prerequisiteStepTitle(step)}
        ?open=${this._progress.open === step} ?done=${Boolean(this._progress.done[step])} ?automatic=${AUTOMATIC.has(step)}>${content[step]}</m365-guide-step>`)}
    </div>`;
  }

  /** Registrations saved before (by this guide in another browser, or the demo): use one, skip to step 7. */
  private _renderExisting() {
    if (this._registrations.length === 0) return nothing;
    return html`<m365-alert kind="info" heading="You already have ${this._registrations.length === 1 ? 'an app registration' : 'app registrations'}">
      <p>Use ${this._registrations.length === 1 ? 'it' : 'one'} to sign in another account: no need to register a new app. Follow the steps below only to set up a separate one.</p>
      <ul class="existing">${this._registrations.map((r) => html`<li><strong>${r.display_name}</strong> <span class="mono">${r.client_id}</span>
        <button type="button" ?disabled=${this.readOnly} @click=${() => this._useExisting(r)}>Use ${r.display_name}</button></li>`)}</ul>
    </m365-alert>`;
  }

  /** The client ID typed in step 5 is already saved under another name: saving would make a duplicate. */
  private _renderDuplicate() {
    const clientId = this._progress.clientId.trim().toLowerCase();
    const same = this._registrations.find((r) => r.client_id.toLowerCase() === clientId && r.id !== this._saved?.id);
    if (!clientId || !same) return nothing;
    return html`<m365-alert kind="warning" heading="This client ID is already saved">
      <p>The app registration “${same.display_name}” has the same Application (client) ID. Saving again would make a second copy of it.</p>
      <button type="button" ?disabled=${this.readOnly} @click=${() => this._useExisting(same)}>Use ${same.display_name} instead</button>
    </m365-alert>`;
  }

  private _useExisting(registration: AppRegistrationView) {
    const done = Object.fromEntries(GUIDE_STEPS.map((step) => [step, step !== 'api_permissions']));
    this._saved = registration;
    this._update({
      appRegistrationId: registration.id, clientId: registration.client_id, cloud: registration.cloud as GuideProgress['cloud'],
      method: registration.redirect_method as GuideProgress['method'], displayName: registration.display_name,
      ...(registration.tenant === 'common' ? {} : { accountType: 'single' as const, tenant: registration.tenant }),
      open: 'api_permissions',
    });
    // After _update: it recomputes the client ID step, and this marks all but the permissions as done.
    this._update({ done });
    fire(this, 'm365-announced', { message: `Using ${registration.display_name}. Choose the permissions, then sign in.` });
    void this.updateComplete.then(() => this.renderRoot.querySelector<M365GuideStep>('m365-guide-step[step="api_permissions"]')?.focusHeading());
  }

  private _renderPermissions() {
    const plan = planPermissions({ ...this._progress.picks, custom: [this._progress.customScopes] });
    const appId = this._progress.appRegistrationId;
    return html`<ol>
        <li>In the app’s menu open <strong>API permissions → + Add a permission → Microsoft Graph → Delegated permissions</strong>.</li>
        <li>Tick each permission listed below (use the search box), then click <strong>Add permissions</strong>.</li>
        <li>Work or school account whose organisation blocks user consent? An administrator clicks <strong>Grant admin consent</strong> on the same page.</li>
      </ol>
      <p>What should Home Assistant be able to do?</p>
      <m365-permission-picker .picks=${this._progress.picks} customScopes=${this._progress.customScopes}
        @m365-picks-changed=${(e: CustomEvent<{ picks: GuideProgress['picks']; customScopes: string }>) => this._update({ picks: e.detail.picks, customScopes: e.detail.customScopes })}></m365-permission-picker>
      ${appId
        ? html`<a class="button primary" href=${`#/sign-in?app=${encodeURIComponent(appId)}`} aria-disabled=${plan.problems.length ? 'true' : 'false'}
            @click=${(e: Event) => this._onContinue(e, plan.problems.length)}>Continue to sign-in</a>`
        : html`<p class="field-error">Save the app registration in step 6 before signing in.</p>`}
      ${appId && !this.readOnly
        ? html`<p>Setting up MS365 Calendar, Mail, ToDo, Teams or Contacts in Home Assistant? <a href="#/ms365?add=1">Add an MS365 integration</a> with this app registration instead: Home Assistant’s own set-up, with the add-on’s checks.</p>`
        : nothing}`;
  }

  private _onContinue(event: Event, problems: number) {
    if (problems) {
      event.preventDefault();
      fire(this, 'm365-announced', { message: 'Fix the permission choices marked as errors first.' });
      return;
    }
    this._update({ done: { ...this._progress.done, api_permissions: true } });
  }

  private _canSave(status: ServiceStatus): boolean {
    const p = this._progress;
    const secretOk = this._secret.trim() === '' ? Boolean(this._saved) : checkSecretInput(this._secret) === null;
    const tenantOk = p.accountType !== 'single' || (p.tenant.trim() !== '' && checkTenantInput(p.tenant) === null);
    return !this.readOnly && secretOk && tenantOk && p.accountType !== 'personal' && p.clientId.trim() !== '' && checkClientIdInput(p.clientId) === null
      && p.secretExpiresOn !== '' && checkExpiryInput(p.secretExpiresOn, new Date()) === null && redirectUriFor(p, status) !== '';
  }

  private async _onSave(status: ServiceStatus) {
    const p = this._progress;
    const fields = {
      display_name: p.displayName.trim() || 'Home Assistant MS365',
      cloud: p.cloud,
      tenant: p.accountType === 'single' ? p.tenant.trim() : 'common',
      client_id: p.clientId.trim(),
      secret_expires_on: p.secretExpiresOn,
      redirect_method: p.method,
      redirect_uri: p.method === 'internet_redirect' && !status.internet_redirect_uri ? p.publicRedirectUri.trim() : null,
    };
    // A saved registration keeps its secret unless a new one was typed; a new one needs it (_canSave checked).
    const secret = this._secret.trim();
    this._saving = true;
    this._saveError = undefined;
    try {
      this._saved = this._saved
        ? await updateAppRegistration(this._saved.id, { ...fields, ...(secret ? { client_secret: secret } : {}) })
        : await createAppRegistration({ ...fields, client_secret: secret });
      this._secret = '';
      this._update({ appRegistrationId: this._saved.id, done: { ...p.done, client_id: true, client_secret: true } });
      fire(this, 'm365-announced', { message: 'App registration saved.' });
      fire(this, 'm365-changed', { what: 'app_registrations' });
    } catch (error) {
      this._saveError = toApiError(error);
    } finally {
      this._saving = false;
    }
  }

  private _update(patch: Partial<GuideProgress>) {
    const next = { ...this._progress, ...patch };
    // Step 5 is done as soon as a valid client ID is in the field.
    if (patch.clientId !== undefined) next.done = { ...next.done, client_id: patch.clientId.trim() !== '' && checkClientIdInput(patch.clientId) === null };
    this._progress = next;
    saveProgress(browserStorage(), this._progress);
  }

  private _onToggled(event: CustomEvent<{ step: string; open: boolean }>) {
    if (!isGuideStep(event.detail.step)) return;
    // Closing the open step leaves none open; opening one closes the others (one step at a time).
    this._update({ open: event.detail.open ? event.detail.step : '' });
  }

  private _onDone(event: CustomEvent<{ step: string; done: boolean }>) {
    const { step, done } = event.detail;
    if (!isGuideStep(step)) return;
    const doneMap = { ...this._progress.done, [step]: done };
    // Ticking a step moves on to the one after it, even if earlier ones are still open questions.
    const following = GUIDE_STEPS[GUIDE_STEPS.indexOf(step) + 1] ?? nextOpenStep(doneMap);
    this._update({ done: doneMap, open: done ? following : step });
    if (done) this.updateComplete.then(() => this.renderRoot.querySelector<M365GuideStep>(`m365-guide-step[step="${this._progress.open}"]`)?.focusHeading());
  }

  private _onStartOver() {
    clearProgress(browserStorage());
    this._progress = freshProgress();
    this._saved = undefined;
    this._secret = '';
    this._saveError = undefined;
  }

  static override styles = [shared, css`:host { display: block; } .existing { padding-inline-start: var(--m365-space-4); } .existing li { overflow-wrap: anywhere; margin-block-end: var(--m365-space-2); } m365-guide-step { margin-block-end: var(--m365-space-3); }`];
}

declare global {
  interface HTMLElementTagNameMap {
    'm365-guide-view': M365GuideView;
  }
}
