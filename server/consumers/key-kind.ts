// The two kinds of consumer key. A key without a permission list ("full") may have its accounts'
// access tokens. A key with a list ("limited") is held to it by the Graph pass-through
// (graph-permissions.ts), never by the token itself: Microsoft puts every Graph permission the user
// consented into one access token, on refresh too, whatever subset was asked for. So a limited key
// gets a raw token only while its list covers everything that token carries, which is checked
// against the account's current granted scopes on every request (they grow when the account signs
// in again asking for more).
import type { KeyKind } from '../../shared/key-kinds.js';
import { AppError } from '../errors/app-error.js';
import { OIDC_SCOPES, shortScope } from '../oauth/scopes.js';
import type { Account, Consumer } from '../store/schema.js';

export type { KeyKind };

export function keyKind(consumer: Consumer): KeyKind {
  return consumer.allowedScopes.length === 0 ? 'full' : 'limited';
}

/** What a token with `carried` scopes holds beyond the key's list (OpenID scopes are not permissions). */
export function permissionsBeyondKey(consumer: Consumer, carried: readonly string[]): string[] {
  if (consumer.allowedScopes.length === 0) return [];
  const allowed = new Set(consumer.allowedScopes.map((scope) => shortScope(scope).toLowerCase()));
  const beyond = carried.map(shortScope).filter((scope) => !OIDC_SCOPES.has(scope.toLowerCase()) && !allowed.has(scope.toLowerCase()));
  return [...new Set(beyond)];
}

/** The accounts of the key whose token it may have today: all of them for a full key. */
export function rawTokenAccountIds(consumer: Consumer, accounts: readonly Account[]): string[] {
  return consumer.accountIds.filter((id) => {
    const account = accounts.find((candidate) => candidate.id === id);
    return account !== undefined && permissionsBeyondKey(consumer, account.grantedScopes).length === 0;
  });
}

/**
 * Throws raw_token_forbidden (403) when a token carrying `carried` would give the key more than its
 * list: the account's granted scopes before asking Microsoft, the token's own scopes before serving it.
 */
export function checkRawToken(consumer: Consumer, accountId: string, carried: readonly string[]): void {
  const beyond = permissionsBeyondKey(consumer, carried);
  if (beyond.length === 0) return;
  throw new AppError('raw_token_forbidden', {
    message: `A token for this account would also carry ${beyond.join(', ')}, which this consumer key may not use: Microsoft puts every permission the account granted into one token, so the add-on hands tokens only to keys allowed all of them.`,
    details: {
      allowed_scopes: consumer.allowedScopes,
      beyond_key: beyond,
      graph_route: `/v1/accounts/${accountId}/graph/`,
    },
  });
}
