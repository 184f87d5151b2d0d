// The consumers already created, newest first, each with its accounts, permissions and a revoke button.
import { html, nothing } from 'lit';
import type { AccountView, ConsumerView, ServiceStatus } from '../../api/types.js';
import '../../components/m365-alert.js';
import '../../components/m365-copy-field.js';
import { formatDateTime } from '../../format.js';

/** Stands in for the add-on's host name while the Supervisor has not told it. */
export const UNKNOWN_HOST = '<add-on hostname>';

/**
 * Where consumers call. The service may say so itself (from the Supervisor's answer in add-on
 * mode); otherwise standalone mode is reached on this page's host.
 */
export function consumerApiUrl(status: ServiceStatus): string {
  const known = status.consumer_api_url ?? status.home_assistant?.consumer_api_url;
  if (known) return known;
  const host = status.mode === 'standalone' ? location.hostname : UNKNOWN_HOST;
  return `http://${host}:${status.consumer_api_port}`;
}

/** The address other add-ons use, with a copy button, and why it is incomplete when it is. */
export function renderApiAddress(status: ServiceStatus) {
  const url = consumerApiUrl(status);
  const addonInfo = status.home_assistant?.features.addon_info;
  return html`<section class="card" aria-labelledby="address-heading">
    <h2 id="address-heading">Address for other add-ons</h2>
    <m365-copy-field label="Consumer API address" .value=${url}></m365-copy-field>
    ${url.includes(UNKNOWN_HOST)
      ? html`<m365-alert kind="warning" heading="The add-on’s host name is not known yet">
          <p>${addonInfo?.message ?? 'The Supervisor has not answered yet.'} Until it does, find the host name under Settings → Add-ons → Microsoft 365 Sign-in (“Hostname”).</p></m365-alert>`
      : nothing}
    <p class="hint">${status.mode === 'addon'
      ? 'Other add-ons reach this add-on by its host name on Home Assistant’s internal network; nothing is exposed outside it unless you map the port.'
      : 'Scripts and services call this address with their key.'} The API is described at <span class="mono">${url}/openapi.json</span>.</p>
  </section>`;
}

/** A key's kind in plain words: which accounts' tokens it may have, and why not the others. */
function kindText(consumer: ConsumerView, username: (id: string) => string): string {
  if (consumer.kind === 'full') return 'every permission: may have the accounts’ access tokens';
  const raw = consumer.raw_token_account_ids;
  const graphOnly = consumer.account_ids.filter((id) => !raw.includes(id));
  if (graphOnly.length === 0) return 'limited; its permissions cover its accounts, so it may have their access tokens';
  return `limited: Microsoft Graph through this add-on only${raw.length ? ` (may have the access token of ${raw.map(username).join(', ')})` : ''}`;
}

/** What an administrator may do to a consumer; a non-admin looking gets none of it. */
export interface ConsumerActions {
  onRevoke: (consumer: ConsumerView) => void;
  onEdit: (consumer: ConsumerView) => void;
  /** The consumer whose change form is open, and that form. */
  editingId: string | undefined;
  editor: (consumer: ConsumerView) => unknown;
}

export function renderConsumerList(consumers: ConsumerView[], accounts: AccountView[], actions?: ConsumerActions) {
  const live = consumers.filter((c) => !c.revoked_at);
  const revoked = consumers.length - live.length;
  const username = (id: string) => accounts.find((a) => a.id === id)?.username ?? 'a removed account';
  return html`<section aria-labelledby="list-heading">
    <h2 id="list-heading">Consumers with a key (${live.length})</h2>
    ${live.length === 0 ? html`<p class="secondary">None yet.</p>` : ''}
    ${live.map((c) => html`<article class="card" aria-labelledby=${`c-${c.id}`}>
      <h3 id=${`c-${c.id}`}>${c.name}</h3>
      <dl>
        <dt>Key</dt><dd class="mono">${c.key_prefix}…</dd>
        <dt>Accounts</dt><dd>${c.account_ids.length ? c.account_ids.map(username).join(', ') : 'none'}</dd>
        <dt>Permissions</dt><dd>${c.allowed_scopes.length ? c.allowed_scopes.join(', ') : 'any the accounts were granted'}</dd>
        <dt>Rate limit</dt><dd>${c.rate_limit_per_minute} requests a minute</dd>
        <dt>Kind</dt><dd>${kindText(c, username)}</dd>
        <dt>Created</dt><dd>${formatDateTime(c.created_at)}</dd>
        <dt>Last used</dt><dd>${formatDateTime(c.last_used_at)}</dd>
      </dl>
      ${actions?.editingId === c.id ? actions.editor(c) : nothing}
      ${actions ? html`<div class="row actions">
          ${actions.editingId === c.id ? nothing : html`<button type="button" @click=${() => actions.onEdit(c)}>Change<span class="visually-hidden"> ${c.name}</span></button>`}
          <button type="button" class="danger" @click=${() => actions.onRevoke(c)}>Revoke<span class="visually-hidden"> ${c.name}</span></button></div>` : ''}
    </article>`)}
    ${revoked ? html`<p class="secondary">${revoked} revoked ${revoked === 1 ? 'key is' : 'keys are'} kept for the record and no longer work.</p>` : ''}
  </section>`;
}
