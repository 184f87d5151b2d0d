// GET /v1/accounts: the accounts this key may use, without anything secret.
import type { FastifyInstance } from 'fastify';
import { toAccountView } from '../../views/accounts.js';
import type { Store } from '../../../store/store.js';
import { consumerOf } from './consumer-context.js';

export function accountsRoute(app: FastifyInstance, store: Store): void {
  app.get('/v1/accounts', async (request) => {
    const consumer = consumerOf(request);
    const accounts = store.data.accounts.filter((account) => consumer.accountIds.includes(account.id));
    return {
      accounts: accounts.map((account) => {
        const view = toAccountView(account);
        return {
          id: view.id,
          username: view.username,
          display_name: view.display_name,
          cloud: view.cloud,
          tenant_id: view.tenant_id,
          status: view.status,
          granted_scopes: view.granted_scopes,
        };
      }),
    };
  });
}
