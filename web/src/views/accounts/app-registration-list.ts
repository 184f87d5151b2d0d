// The saved app registrations under the accounts: which app, its secret's expiry and any problem
// Microsoft reported with its credentials.
import { html, nothing } from 'lit';
import type { AppRegistrationView } from '../../api/types.js';
import { cloudLabel } from '../../format.js';

interface ConfigurationProblem { title: string; fix: string; aadsts?: number }

export function renderAppRegistrations(apps: AppRegistrationView[]) {
  if (apps.length === 0) return nothing;
  return html`<section class="card" aria-labelledby="apps-heading">
    <h2 id="apps-heading">App registrations</h2>
    <ul>
      ${apps.map((app) => {
        const problem = app.configuration_problem as ConfigurationProblem | null;
        return html`<li>
          <strong>${app.display_name}</strong> — <span class="mono">${app.client_id}</span>, ${cloudLabel(app.cloud)}, tenant ${app.tenant}.
          Secret ${app.client_secret_hint}${app.secret_expires_on ? `, expires ${app.secret_expires_on}` : ''}.
          ${problem ? html`<m365-alert kind="error" .heading=${problem.title}><p>${problem.fix}${problem.aadsts ? ` (AADSTS${problem.aadsts})` : ''}</p></m365-alert>` : nothing}
        </li>`;
      })}
    </ul>
    <p><a href="#/guide">Open the guide</a> to change the app registration or set up another.</p>
  </section>`;
}
