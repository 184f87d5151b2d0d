// Consumers are the other add-ons and scripts that get tokens: each has a key, the accounts it may
// use and the scopes it may ask for. Revoking keeps the record (for the audit) but kills the key.
import { randomUUID } from 'node:crypto';
import { AppError } from '../errors/app-error.js';
import { isGraphPermission, shownScope } from '../oauth/scopes.js';
import type { Account, Consumer } from '../store/schema.js';
import type { Store } from '../store/store.js';
import { generateKey } from './keys.js';

export interface ConsumerInput {
  name: string;
  accountIds: string[];
  allowedScopes: string[];
  rateLimitPerMinute?: number | undefined;
}

/** The checks a consumer's accounts and permissions pass, when created and when changed. */
function checkAccess(store: Store, accountIds: readonly string[], allowedScopes: readonly string[]): void {
  const known = new Set(store.data.accounts.map((account) => account.id));
  const unknown = accountIds.find((id) => !known.has(id));
  if (unknown) throw new AppError('account_not_found', { field: 'account_ids' });
  // A limited key's list is held by the Graph pass-through (key-kind.ts), so it names Graph permissions only.
  const notGraph = allowedScopes.find((scope) => !isGraphPermission(scope));
  if (notGraph !== undefined) {
    throw new AppError('validation_failed', {
      field: 'allowed_scopes',
      message: `${shownScope(notGraph)} is not a Microsoft Graph permission.`,
      fix: 'List Graph permission names such as Mail.Read; this add-on serves tokens for Microsoft Graph only.',
    });
  }
}

export async function createConsumer(store: Store, input: ConsumerInput, now: Date): Promise<{ consumer: Consumer; key: string }> {
  checkAccess(store, input.accountIds, input.allowedScopes);
  const { key, hash, prefix } = generateKey();
  const consumer: Consumer = {
    id: randomUUID(),
    name: input.name,
    keyHash: hash,
    keyPrefix: prefix,
    accountIds: [...new Set(input.accountIds)],
    allowedScopes: [...new Set(input.allowedScopes)],
    rateLimitPerMinute: input.rateLimitPerMinute ?? 600,
    createdAt: now.toISOString(),
    revokedAt: null,
    lastUsedAt: null,
  };
  await store.update((draft) => {
    draft.consumers.push(consumer);
  });
  return { consumer, key };
}

/** What may change on a consumer without a new key; each field left out stays as it is. */
export interface ConsumerChange {
  name?: string | undefined;
  accountIds?: string[] | undefined;
  allowedScopes?: string[] | undefined;
  rateLimitPerMinute?: number | undefined;
}

/**
 * Changes a live consumer in place: its key stays valid and now gets exactly the new accounts,
 * permissions (so possibly another key kind) and rate limit, from its next request on. Returns the
 * consumer before and after, for the audit entry.
 */
export async function updateConsumer(store: Store, id: string, change: ConsumerChange): Promise<{ before: Consumer; after: Consumer }> {
  const before = store.data.consumers.find((consumer) => consumer.id === id);
  if (!before) throw new AppError('consumer_not_found');
  if (before.revokedAt) throw new AppError('consumer_revoked');
  const accountIds = change.accountIds ? [...new Set(change.accountIds)] : before.accountIds;
  const allowedScopes = change.allowedScopes ? [...new Set(change.allowedScopes)] : before.allowedScopes;
  checkAccess(store, accountIds, allowedScopes);
  const after = await store.update((draft) => {
    const consumer = draft.consumers.find((candidate) => candidate.id === id);
    if (!consumer || consumer.revokedAt) throw new AppError(consumer ? 'consumer_revoked' : 'consumer_not_found');
    if (change.name !== undefined) consumer.name = change.name;
    consumer.accountIds = [...accountIds];
    consumer.allowedScopes = [...allowedScopes];
    if (change.rateLimitPerMinute !== undefined) consumer.rateLimitPerMinute = change.rateLimitPerMinute;
    return { ...consumer };
  });
  return { before, after };
}

export async function revokeConsumer(store: Store, id: string, now: Date): Promise<void> {
  if (!store.data.consumers.some((consumer) => consumer.id === id)) throw new AppError('consumer_not_found');
  await store.update((draft) => {
    const consumer = draft.consumers.find((candidate) => candidate.id === id);
    if (consumer && !consumer.revokedAt) consumer.revokedAt = now.toISOString();
  });
}
