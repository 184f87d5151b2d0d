// Consumers across the wire: the stored consumer with what its key may do, never the key's hash.
import { keyKind, rawTokenAccountIds } from '../../consumers/key-kind.js';
import type { Account, Consumer } from '../../store/schema.js';
import type { ConsumerView } from '../contract/consumers.js';

export function toConsumerView(consumer: Consumer, accounts: readonly Account[]): ConsumerView {
  return {
    id: consumer.id,
    name: consumer.name,
    key_prefix: consumer.keyPrefix,
    account_ids: consumer.accountIds,
    allowed_scopes: consumer.allowedScopes,
    kind: keyKind(consumer),
    raw_token_account_ids: rawTokenAccountIds(consumer, accounts),
    rate_limit_per_minute: consumer.rateLimitPerMinute,
    created_at: consumer.createdAt,
    revoked_at: consumer.revokedAt,
    last_used_at: consumer.lastUsedAt,
  };
}
