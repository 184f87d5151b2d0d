// Accounts as the UI manages them: list, remove, "Check what works".
import type { FastifyInstance } from 'fastify';
import { deleteAccount, toAccountView } from '../../../accounts/accounts.js';
import { capabilityDeps } from '../../../capabilities/deps.js';
import { checkAccount } from '../../../capabilities/run-check.js';
import { refreshViewOf } from '../../../scheduler/refresh-view.js';
import type { Services } from '../../../services.js';
import { toCapabilityWire } from '../../contract/capabilities.js';
import { idParams } from '../../contract/ui.js';

export function accountRoutes(app: FastifyInstance, services: Pick<Services, 'store' | 'broker' | 'endpoints' | 'now' | 'log' | 'scheduler'>): void {
  const { store } = services;
  // With last and next refresh, refresh-token age and refresh health (scheduler/refresh-view.ts).
  app.get('/api/accounts', async () => ({
    accounts: store.data.accounts.map((account) => ({ ...toAccountView(account), ...refreshViewOf(services, account) })),
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
