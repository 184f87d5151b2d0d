// Consumers (the keys other add-ons use) as the UI manages them: list, create (the one answer that
// carries the key), change what a key may do without a new key, revoke.
import type { FastifyInstance } from 'fastify';
import { createConsumer, revokeConsumer, updateConsumer } from '../../../consumers/consumers.js';
import type { Services } from '../../../services.js';
import { consumerBody, consumerChangeBody, idParams } from '../../contract/ui.js';
import { toConsumerView } from '../../views/consumers.js';

/** What the consumer routes use of the service: the store, the audit log and the clock. */
export type ConsumerRouteDeps = Pick<Services, 'store' | 'audit' | 'now'>;

export function consumerRoutes(app: FastifyInstance, services: ConsumerRouteDeps): void {
  const { store } = services;
  app.get('/api/consumers', async () => ({ consumers: store.data.consumers.map((consumer) => toConsumerView(consumer, store.data.accounts)) }));
  app.post('/api/consumers', async (request, reply) => {
    const body = consumerBody.parse(request.body);
    const { consumer, key } = await createConsumer(
      store,
      {
        name: body.name,
        accountIds: body.account_ids,
        allowedScopes: body.allowed_scopes,
        rateLimitPerMinute: body.rate_limit_per_minute,
      },
      services.now(),
    );
    // The only response that ever carries the key.
    return reply.code(201).header('cache-control', 'no-store').send({ ...toConsumerView(consumer, store.data.accounts), key });
  });
  // Admin-only like every change (admin-guard.ts). The key stays; what it may do changes at once.
  app.patch('/api/consumers/:id', async (request) => {
    const { id } = idParams.parse(request.params);
    const body = consumerChangeBody.parse(request.body);
    const { before, after } = await updateConsumer(store, id, {
      name: body.name,
      accountIds: body.account_ids,
      allowedScopes: body.allowed_scopes,
      rateLimitPerMinute: body.rate_limit_per_minute,
    });
    const changed = [
      before.name !== after.name && 'name',
      !sameSet(before.accountIds, after.accountIds) && 'account_ids',
      !sameSet(before.allowedScopes, after.allowedScopes) && 'allowed_scopes',
      before.rateLimitPerMinute !== after.rateLimitPerMinute && 'rate_limit_per_minute',
    ].filter((field): field is string => field !== false);
    services.audit.record({
      event: 'consumer_changed',
      consumerId: after.id,
      consumerName: after.name,
      accountId: null,
      scopes: after.allowedScopes,
      result: 'ok',
      status: 200,
      method: 'PATCH',
      path: '/api/consumers/:id',
      changed,
    });
    return toConsumerView(after, store.data.accounts);
  });
  app.delete('/api/consumers/:id', async (request, reply) => {
    await revokeConsumer(store, idParams.parse(request.params).id, services.now());
    return reply.code(204).send();
  });
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((item) => b.includes(item));
}
