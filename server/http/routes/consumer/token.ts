// An access token for an account the key may use, within the key's scopes, asked for either way:
//   GET  /v1/accounts/{account_id}/token?scopes=Mail.Read%20Calendars.Read  (a read, as the brokers
//        in token-brokers.md serve credentials; a still-good token is usually answered before it
//        gets here, by cached-token-fast-path.ts)
//   POST /v1/token {"account_id", "scopes", "force_refresh"}
// Both read through the one token-read use case (consumers/token-read.ts).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { TokenAsk, TokenRead } from '../../../consumers/token-read.js';
import { accountIdParam, TOKEN_CONTENT_TYPE, TOKEN_READ_ROUTE, tokenRequestBody } from '../../contract/consumer-api.js';
import type { AuditInfo } from '../../../audit/api-request-entry.js';
import { consumerOf } from './consumer-context.js';
import type { TokenQueries } from './token-queries.js';

export function tokenRoutes(app: FastifyInstance, tokenRead: TokenRead, queries: TokenQueries): void {
  app.get(TOKEN_READ_ROUTE, (request, reply) => {
    const { id: accountId } = accountIdParam.parse(request.params);
    return answerToken(tokenRead, request, reply, { accountId, ...queries.of(request.url) });
  });
  app.post('/v1/token', (request, reply) => {
    const body = tokenRequestBody.parse(request.body);
    return answerToken(tokenRead, request, reply, { accountId: body.account_id, scopes: body.scopes, forceRefresh: body.force_refresh ?? false });
  });
}

async function answerToken(tokenRead: TokenRead, request: FastifyRequest, reply: FastifyReply, ask: TokenAsk): Promise<FastifyReply> {
  // Set before the checks, so a refusal is audited with what was asked for.
  const audit: AuditInfo = { event: 'token', accountId: ask.accountId, scopes: ask.scopes ? [...ask.scopes] : [] };
  request.auditInfo = audit;
  const body = await tokenRead.read(consumerOf(request), ask, (scopes) => {
    audit.scopes = scopes;
  });
  return reply.header('cache-control', 'no-store').type(TOKEN_CONTENT_TYPE).send(body);
}
