// Steps 5 and 6 of the guide: the client ID and the client secret, checked as typed, then saved as
// the add-on's app registration. The secret lives only in the view's memory until it is saved.
import { html, nothing } from 'lit';
import type { ApiError } from '../../api/client.js';
import type { AppRegistrationView } from '../../api/types.js';
import { checkClientIdInput, checkExpiryInput, checkSecretInput, checkTenantInput, latestSecretExpiry } from '../../guide/validate.js';
import '../../components/m365-alert.js';
import '../../components/m365-diagnosis.js';
import type { StepContext } from './steps-portal.js';

export interface SecretContext extends StepContext {
  secret: string;
  onSecret: (value: string) => void;
  saving: boolean;
  saveError: ApiError | undefined;
  saved: AppRegistrationView | undefined;
  onSave: () => void;
  canSave: boolean;
  now: Date;
}

const SHOWN_AT_FIELD = new Set(['client_secret', 'secret_expires_on']);
const value = (event: Event): string => (event.target as HTMLInputElement).value;

export function clientIdStep(ctx: StepContext) {
  const error = checkClientIdInput(ctx.progress.clientId);
  const single = ctx.progress.accountType === 'single';
  const tenantError = single ? checkTenantInput(ctx.progress.tenant) : null;
  return html`
    <ol>
      <li>Click <strong>Register</strong> at the bottom of the form.</li>
      <li>On the app’s <strong>Overview</strong> page, copy <strong>Application (client) ID</strong> and paste it here.</li>
      ${single ? html`<li>Single tenant: copy <strong>Directory (tenant) ID</strong> from the same page too.</li>` : nothing}
    </ol>
    <div class="field">
      <label for="client-id">Application (client) ID</label>
      <input id="client-id" type="text" autocomplete="off" spellcheck="false" .value=${ctx.progress.clientId}
        aria-invalid=${error ? 'true' : 'false'} aria-describedby="client-id-hint client-id-error" @input=${(e: Event) => ctx.update({ clientId: value(e) })} />
      <p class="hint" id="client-id-hint">A GUID: 8-4-4-4-12 letters and digits, such as 00000000-0000-0000-0000-000000000000.</p>
      <p class="field-error" id="client-id-error" aria-live="polite">${error ?? ''}</p>
    </div>
    ${single
      // Asked here, not in step 3: the tenant ID appears on the Overview page only once the app is registered.
      ? html`<div class="field">
          <label for="tenant">Directory (tenant) ID</label>
          <input id="tenant" type="text" autocomplete="off" spellcheck="false" .value=${ctx.progress.tenant}
            aria-invalid=${tenantError ? 'true' : 'false'} aria-describedby="tenant-hint tenant-error" @input=${(e: Event) => ctx.update({ tenant: value(e) })} />
          <p class="hint" id="tenant-hint">On the app’s Overview page, under the client ID.</p>
          <p class="field-error" id="tenant-error" aria-live="polite">${tenantError ?? ''}</p>
        </div>`
      : nothing}`;
}

export function secretStep(ctx: SecretContext) {
  const secretError = checkSecretInput(ctx.secret) ?? fieldError(ctx.saveError, 'client_secret');
  const expiryError = checkExpiryInput(ctx.progress.secretExpiresOn, ctx.now) ?? fieldError(ctx.saveError, 'secret_expires_on');
  const keeping = ctx.saved ? `Leave empty to keep the saved secret (${ctx.saved.client_secret_hint}).` : '';
  return html`
    <ol>
      <li>In the app’s menu open <strong>Certificates &amp; secrets → Client secrets → + New client secret</strong>.</li>
      <li>Description: <em>Home Assistant</em>. Expires: 12 months is Microsoft’s advice; 24 months is the longest allowed. Click <strong>Add</strong>.</li>
      <li>Copy the <strong>Value</strong> column right away: Microsoft shows it only now.</li>
    </ol>
    <p>Lost the Value, or left the page before copying it? Microsoft never shows it again: create a new client secret
      (<strong>+ New client secret</strong>) and copy that one’s Value. You can delete the old secret.</p>
    <m365-alert kind="warning" heading="Copy the Value, not the Secret ID">
      <p>The Secret ID looks like 00000000-0000-0000-0000-000000000000 and does not work as a secret. The Value is about 40 characters and often contains a ~.</p>
    </m365-alert>
    <div class="field">
      <label for="client-secret">Client secret Value</label>
      <input id="client-secret" type="password" autocomplete="off" spellcheck="false" .value=${ctx.secret}
        aria-invalid=${secretError ? 'true' : 'false'} aria-describedby="client-secret-hint client-secret-error" @input=${(e: Event) => ctx.onSecret(value(e))} />
      <p class="hint" id="client-secret-hint">Kept encrypted by the add-on once saved; never stored in this browser. ${keeping}</p>
      <p class="field-error" id="client-secret-error" aria-live="polite">${secretError ?? ''}</p>
    </div>
    <div class="field">
      <label for="secret-expiry">Secret expires on</label>
      <input id="secret-expiry" type="date" .value=${ctx.progress.secretExpiresOn} max=${latestSecretExpiry(ctx.now)}
        aria-invalid=${expiryError ? 'true' : 'false'} aria-describedby="secret-expiry-hint secret-expiry-error"
        @input=${(e: Event) => ctx.update({ secretExpiresOn: value(e) })} />
      <p class="hint" id="secret-expiry-hint">The Expires column next to the secret; at most 24 months from today. The add-on warns you before it runs out.</p>
      <p class="field-error" id="secret-expiry-error" aria-live="polite">${expiryError ?? ''}</p>
    </div>
    <button type="button" class="primary" ?disabled=${!ctx.canSave || ctx.saving} @click=${ctx.onSave}>
      ${ctx.saving ? 'Saving…' : ctx.saved ? 'Save changes' : 'Save app registration'}
    </button>
    ${ctx.saveError && !SHOWN_AT_FIELD.has(ctx.saveError.field ?? '') ? html`<m365-diagnosis live .error=${ctx.saveError}></m365-diagnosis>` : nothing}
    ${ctx.saved && !ctx.saving && !ctx.saveError
      ? html`<m365-alert kind="success" live>Saved “${ctx.saved.display_name}” (client ID ${ctx.saved.client_id}). One step to go.</m365-alert>`
      : nothing}`;
}

/** The service's message for one field (it names the field it refused), shown under that field. */
function fieldError(error: ApiError | undefined, field: string): string | null {
  if (!error || error.field !== field) return null;
  return [error.message, error.fix].filter(Boolean).join(' ');
}
