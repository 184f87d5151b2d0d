// The consumer listener: other add-ons get access tokens here with their own key. Separate from
// the UI listener so it can be exposed on the add-on network without exposing the panel's API.
import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify';
import { toAccountView } from '../accounts/accounts.js';
import { authenticateKey } from '../consumers/consumers.js';
import { keyFromAuthorization } from '../consumers/keys.js';
import { AppError } from '../errors/app-error.js';
import { shortScope } from '../oauth/scopes.js';
import type { Consumer } from '../store/schema.js';
import type { Services } from '../services.js';
import { tokenRequestBody } from './contract/consumer-api.js';
import { listenerOptions } from './fastify-options.js';
import { installErrorHandler } from './plugins/error-handler.js';
import { installRequestLog } from './plugins/request-log.js';

const API_BODY_LIMIT_BYTES = 16 * 1024;

function consumerOf(services: Services, request: FastifyRequest): Consumer {
  return authenticateKey(services.store, keyFromAuthorization(request.headers.authorization));
}

function checkScopes(consumer: Consumer, granted: string[], wanted: string[]): void {
  const lower = (list: string[]) => new Set(list.map((scope) => shortScope(scope).toLowerCase()));
  const allowed = lower(consumer.allowedScopes);
  const outside = wanted.filter((scope) => allowed.size > 0 && !allowed.has(shortScope(scope).toLowerCase()));
  if (outside.length) {
    throw new AppError('scope_forbidden', {
      message: `This consumer key may not ask for ${outside.join(', ')}.`,
      details: { allowed_scopes: consumer.allowedScopes },
    });
  }
  const grantedSet = lower(granted);
  const notGranted = wanted.filter((scope) => !grantedSet.has(shortScope(scope).toLowerCase()));
  if (notGranted.length) {
    throw new AppError('scope_not_granted', { details: { not_granted: notGranted, granted_scopes: granted } });
  }
}

/** Without a scope list a consumer gets what the account was granted, within what the key allows. */
function defaultScopes(consumer: Consumer, granted: string[]): string[] {
  if (consumer.allowedScopes.length === 0) return granted;
  const allowed = new Set(consumer.allowedScopes.map((scope) => shortScope(scope).toLowerCase()));
  return granted.filter((scope) => allowed.has(shortScope(scope).toLowerCase()));
}

export async function buildConsumerApp(services: Services): Promise<FastifyInstance> {
  const { store } = services;
  const app = Fastify(listenerOptions(services.log, 'consumer-api', API_BODY_LIMIT_BYTES));
  installErrorHandler(app);
  installRequestLog(app);
  app.get('/health', async () => ({ status: 'ok' }));
  app.get('/v1/accounts', async (request) => {
    const consumer = consumerOf(services, request);
    const accounts = store.data.accounts.filter((account) => consumer.accountIds.includes(account.id));
    return {
      accounts: accounts.map((account) => {
        const view = toAccountView(account);
        return { id: view.id, username: view.username, display_name: view.display_name, cloud: view.cloud, tenant_id: view.tenant_id, status: view.status, granted_scopes: view.granted_scopes };
      }),
    };
  });
  app.post('/v1/token', async (request, reply) => {
    const consumer = consumerOf(services, request);
    const body = tokenRequestBody.parse(request.body);
    if (!consumer.accountIds.includes(body.account_id)) throw new AppError('account_forbidden');
    const account = store.data.accounts.find((candidate) => candidate.id === body.account_id);
    if (!account) throw new AppError('account_not_found');
    const scopes = body.scopes ?? defaultScopes(consumer, account.grantedScopes);
    checkScopes(consumer, account.grantedScopes, scopes);
    const token = await services.broker.getToken(account.id, scopes, { forceRefresh: body.force_refresh ?? false });
    void reply.header('cache-control', 'no-store');
    return {
      access_token: token.accessToken,
      token_type: 'Bearer',
      expires_at: token.expiresOn.toISOString(),
      expires_in: Math.max(0, Math.floor((token.expiresOn.getTime() - services.now().getTime()) / 1000)),
      scopes: token.scopes,
    };
  });
  return app;
}
