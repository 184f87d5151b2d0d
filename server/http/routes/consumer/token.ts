// POST /v1/token: an access token for an account the key may use, within the key's scopes.
import type { FastifyInstance } from 'fastify';
import type { TokenBroker } from '../../../broker/token-broker.js';
import { checkScopes, defaultScopes } from '../../../consumers/scope-policy.js';
import { AppError } from '../../../errors/app-error.js';
import type { Store } from '../../../store/store.js';
import { tokenRequestBody } from '../../contract/consumer-api.js';
import { consumerOf, type AuditInfo } from './consumer-context.js';

export interface TokenRouteDeps {
  store: Store;
  broker: TokenBroker;
  now: () => Date;
}

// A response schema lets Fastify serialize the hottest answer with a compiled stringifier.
const TOKEN_RESPONSE = {
  200: {
    type: 'object',
    properties: {
      access_token: { type: 'string' },
      token_type: { type: 'string' },
      expires_at: { type: 'string' },
      expires_in: { type: 'integer' },
      scopes: { type: 'array', items: { type: 'string' } },
    },
    required: ['access_token', 'token_type', 'expires_at', 'expires_in', 'scopes'],
  },
} as const;

export function tokenRoute(app: FastifyInstance, deps: TokenRouteDeps): void {
  app.post('/v1/token', { schema: { response: TOKEN_RESPONSE } }, async (request, reply) => {
    const consumer = consumerOf(request);
    const body = tokenRequestBody.parse(request.body);
    const audit: AuditInfo = { event: 'token', accountId: body.account_id, scopes: body.scopes ?? [] };
    request.auditInfo = audit;
    if (!consumer.accountIds.includes(body.account_id)) throw new AppError('account_forbidden');
    const account = deps.store.data.accounts.find((candidate) => candidate.id === body.account_id);
    if (!account) throw new AppError('account_not_found');
    const scopes = body.scopes ?? defaultScopes(consumer, account.grantedScopes);
    audit.scopes = scopes;
    checkScopes(consumer, account.grantedScopes, scopes);
    const token = await deps.broker.getToken(account.id, scopes, { forceRefresh: body.force_refresh ?? false });
    void reply.header('cache-control', 'no-store');
    return {
      access_token: token.accessToken,
      token_type: 'Bearer',
      expires_at: token.expiresOn.toISOString(),
      expires_in: Math.max(0, Math.floor((token.expiresOn.getTime() - deps.now().getTime()) / 1000)),
      scopes: token.scopes,
    };
  });
}
