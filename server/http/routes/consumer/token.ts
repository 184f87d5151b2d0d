// An access token for an account the key may use, within the key's scopes, asked for either way:
//   GET  /v1/accounts/{account_id}/token?scopes=Mail.Read%20Calendars.Read  (a read, as the brokers
//        in token-brokers.md serve credentials; a still-good token is usually answered before it
//        gets here, by cached-token-fast-path.ts)
//   POST /v1/token {"account_id", "scopes", "force_refresh"}
// Both check, audit and answer through token-request.ts.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { TokenBroker } from '../../../broker/token-broker.js';
import type { Store } from '../../../store/store.js';
import { accountIdParam, tokenRequestBody } from '../../contract/consumer-api.js';
import { consumerOf, type AuditInfo } from './consumer-context.js';
import { checkIssuedToken, resolveTokenAsk, TOKEN_CONTENT_TYPE, TOKEN_READ_ROUTE, tokenAnswerBody, tokenQueryOf, type TokenAsk } from './token-request.js';

export interface TokenRouteDeps {
  store: Store;
  broker: TokenBroker;
  now: () => Date;
}

export function tokenRoutes(app: FastifyInstance, deps: TokenRouteDeps): void {
  app.get(TOKEN_READ_ROUTE, (request, reply) => {
    const { id: accountId } = accountIdParam.parse(request.params);
    return answerToken(deps, request, reply, { accountId, ...tokenQueryOf(request.url) });
  });
  app.post('/v1/token', (request, reply) => {
    const body = tokenRequestBody.parse(request.body);
    return answerToken(deps, request, reply, { accountId: body.account_id, scopes: body.scopes, forceRefresh: body.force_refresh ?? false });
  });
}

async function answerToken(deps: TokenRouteDeps, request: FastifyRequest, reply: FastifyReply, ask: TokenAsk): Promise<FastifyReply> {
  const consumer = consumerOf(request);
  // Set before the checks, so a refusal is audited with what was asked for.
  const audit: AuditInfo = { event: 'token', accountId: ask.accountId, scopes: ask.scopes ? [...ask.scopes] : [] };
  request.auditInfo = audit;
  const { account, scopes } = resolveTokenAsk(deps.store, consumer, ask);
  audit.scopes = scopes;
  const token = await deps.broker.getToken(account.id, scopes, { forceRefresh: ask.forceRefresh, consumer: true });
  checkIssuedToken(consumer, account.id, token);
  return reply.header('cache-control', 'no-store').type(TOKEN_CONTENT_TYPE).send(tokenAnswerBody(token, deps.now().getTime()));
}
