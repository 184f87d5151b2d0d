// ANY /v1/accounts/:id/graph/<path>: Microsoft Graph for consumers that should never see a token.
// Bodies stream both ways: this scope has no body parsers, so the request stream goes on untouched.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { IncomingMessage } from 'node:http';
import type { Readable } from 'node:stream';
import * as z from 'zod';
import type { TokenBroker } from '../../../broker/token-broker.js';
import { checkGraphAccess } from '../../../consumers/graph-permissions.js';
import { defaultScopes } from '../../../consumers/scope-policy.js';
import { AppError } from '../../../errors/app-error.js';
import type { Endpoints } from '../../../settings/clouds.js';
import type { Account } from '../../../store/schema.js';
import type { Store } from '../../../store/store.js';
import type { AuditInfo } from '../../../audit/api-request-entry.js';
import { consumerOf } from './consumer-context.js';
import { forwardToGraph, responseHeadersForConsumer } from './graph-forward.js';
import { graphTarget, type GraphTarget } from './graph-target.js';

export interface GraphRouteDeps {
  store: Store;
  broker: TokenBroker;
  endpoints: Endpoints;
}

const params = z.object({ id: z.string().min(1).max(100) });

export async function graphRoutes(app: FastifyInstance, deps: GraphRouteDeps): Promise<void> {
  await app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', (_request, payload, done) => done(null, payload));
    scope.all('/v1/accounts/:id/graph/*', async (request, reply) => {
      const { account, target, scopes, audit } = authorise(request, deps);
      const upstream = await callGraph(request, deps, account, target, scopes);
      audit.forwarded = true;
      void reply.code(upstream.statusCode ?? 502).headers(responseHeadersForConsumer(upstream.headers));
      return reply.send(upstream);
    });
  });
}

function authorise(request: FastifyRequest, deps: GraphRouteDeps): { account: Account; target: GraphTarget; scopes: string[]; audit: AuditInfo } {
  const consumer = consumerOf(request);
  const { id } = params.parse(request.params);
  // Refusals from here on name the account asked for; the path is named once it is known to be valid.
  const audit: AuditInfo = { event: 'graph', accountId: id, scopes: [], method: request.method };
  request.auditInfo = audit;
  if (!consumer.accountIds.includes(id)) throw new AppError('account_forbidden');
  const account = deps.store.data.accounts.find((candidate) => candidate.id === id);
  if (!account) throw new AppError('account_not_found');
  const target = graphTarget(request.url, deps.endpoints.graphOrigin(account.cloud));
  audit.path = target.displayPath;
  checkGraphAccess(consumer, request.method, target.segments, target.displayPath);
  const scopes = defaultScopes(consumer, account.grantedScopes);
  audit.scopes = scopes;
  if (scopes.length === 0) throw new AppError('scope_not_granted', { details: { granted_scopes: account.grantedScopes } });
  return { account, target, scopes, audit };
}

/**
 * A bodiless call that Graph refuses with 401 is tried once more with a freshly redeemed token (a
 * token can be revoked before it expires). A call with a body cannot be replayed: its stream is spent.
 */
async function callGraph(request: FastifyRequest, deps: GraphRouteDeps, account: Account, target: GraphTarget, scopes: string[]): Promise<IncomingMessage> {
  const body = isStream(request.body) ? request.body : undefined;
  const send = async (forceRefresh: boolean) => {
    const token = await deps.broker.getToken(account.id, scopes, { forceRefresh, consumer: true });
    return forwardToGraph({ method: request.method, url: target.url, path: target.requestPath, headers: request.headers, body, token: token.accessToken });
  };
  const first = await send(false);
  if (first.statusCode !== 401 || body) return first;
  first.resume();
  return send(true);
}

function isStream(value: unknown): value is Readable {
  return typeof value === 'object' && value !== null && typeof (value as Readable).pipe === 'function';
}
