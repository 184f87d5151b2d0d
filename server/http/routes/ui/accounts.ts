// Accounts as the UI manages them: list, remove, "Check what works".
import type { FastifyInstance } from 'fastify';
import { deleteAccount } from '../../../accounts/accounts.js';
import { capabilityDeps } from '../../../capabilities/deps.js';
import { checkAccount } from '../../../capabilities/run-check.js';
import { accountRefreshOf } from '../../../scheduler/account-refresh.js';
import type { Services } from '../../../services.js';
import { toCapabilityWire } from '../../views/capabilities.js';
import type { AccountWithRefreshView } from '../../contract/accounts.js';
import { idParams } from '../../contract/ui.js';
import { toAccountRefreshView, toAccountView } from '../../views/accounts.js';

export function accountRoutes(app: FastifyInstance, services: Pick<Services, 'store' | 'broker' | 'endpoints' | 'now' | 'log' | 'scheduler'>): void {
  const { store } = services;
  // With last and next refresh, refresh-token age and refresh health (scheduler/account-refresh.ts).
  app.get('/api/accounts', async (): Promise<{ accounts: AccountWithRefreshView[] }> => ({
    accounts: store.data.accounts.map((account) => ({ ...toAccountView(account), ...toAccountRefreshView(accountRefreshOf(services, account)) })),
  }));
  app.delete('/api/accounts/:id', async (request, reply) => {
    await deleteAccount(store, idParams.parse(request.params).id);
    return reply.code(204).send();
  });
  // "Check what works": one Graph $batch of small reads (admin-only, as every POST).
  app.post('/api/accounts/:id/capabilities', async (request) =>
    toCapabilityWire(await checkAccount(capabilityDeps(services), idParams.parse(request.params).id)),
  );
}
