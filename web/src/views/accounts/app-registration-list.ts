// The saved app registrations under the accounts: each one's secret expiry, any problem Microsoft
// reported with its credentials, what uses it, and replacing its secret.
import { html, nothing } from 'lit';
import type { ApiError } from '../../api/client.js';
import type { Ms365EntryView } from '../../api/ms365.js';
import type { AccountView, AppRegistrationView } from '../../api/types.js';
import '../../components/m365-app-registration-card.js';
import { usedByAppRegistration } from './used-by.js';

export interface AppRegistrationListInput {
  apps: AppRegistrationView[];
  entries: Ms365EntryView[];
  accounts: AccountView[];
  readOnly: boolean;
  /** The registration whose new secret is being saved, and the service's refusal of it. */
  savingId: string | undefined;
  saveError: { appId: string; error: ApiError } | undefined;
}

export function renderAppRegistrations(input: AppRegistrationListInput) {
  if (input.apps.length === 0) return nothing;
  return html`<section class="card" aria-labelledby="apps-heading">
    <h2 id="apps-heading">App registrations</h2>
    ${input.apps.map((app) => html`<m365-app-registration-card .app=${app} .usedBy=${usedByAppRegistration(input.entries, app.id)} ?readOnly=${input.readOnly}
      .accounts=${input.accounts.filter((a) => a.app_registration_id === app.id).map((a) => a.username)}
      ?busy=${input.savingId === app.id} .error=${input.saveError?.appId === app.id ? input.saveError.error : undefined}></m365-app-registration-card>`)}
    <p><a href="#/guide">Open the guide</a> to set up another app registration.</p>
  </section>`;
}
