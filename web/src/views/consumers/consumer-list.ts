// The consumers already created, newest first, each with its accounts, permissions and a revoke button.
import { html } from 'lit';
import type { AccountView, ConsumerView, ServiceStatus } from '../../api/types.js';
import { formatDateTime } from '../../format.js';

/**
 * Where consumers call. The service may say so itself; otherwise standalone mode is reached on this
 * page's host, and in an add-on the other containers use the add-on's hostname.
 */
export function consumerApiUrl(status: ServiceStatus): string {
  if (status.consumer_api_url) return status.consumer_api_url;
  const host = status.mode === 'standalone' ? location.hostname : '<add-on hostname>';
  return `http://${host}:${status.consumer_api_port}`;
}

/** Without `onRevoke` (a non-admin looking), the revoke buttons are left out. */
export function renderConsumerList(consumers: ConsumerView[], accounts: AccountView[], onRevoke?: (consumer: ConsumerView) => void) {
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
        <dt>Created</dt><dd>${formatDateTime(c.created_at)}</dd>
        <dt>Last used</dt><dd>${formatDateTime(c.last_used_at)}</dd>
      </dl>
      ${onRevoke ? html`<button type="button" class="danger" @click=${() => onRevoke(c)}>Revoke<span class="visually-hidden"> ${c.name}</span></button>` : ''}
    </article>`)}
    ${revoked ? html`<p class="secondary">${revoked} revoked ${revoked === 1 ? 'key is' : 'keys are'} kept for the record and no longer work.</p>` : ''}
  </section>`;
}
