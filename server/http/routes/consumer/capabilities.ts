// GET /v1/accounts/:id/capabilities: "Check what works" for consumers. The key's account list and its
// permission limit apply: a limited key is told only about features its permissions cover.
import type { FastifyInstance } from 'fastify';
import * as z from 'zod';
import { capabilityDeps } from '../../../capabilities/deps.js';
import { checkAccount } from '../../../capabilities/run-check.js';
import { defaultScopes } from '../../../consumers/scope-policy.js';
import { AppError } from '../../../errors/app-error.js';
import type { Services } from '../../../services.js';
import { toCapabilityWire } from '../../views/capabilities.js';
import type { AuditInfo } from '../../../audit/api-request-entry.js';
import { consumerOf } from './consumer-context.js';

const params = z.object({ id: z.string().min(1).max(100) });
export const CAPABILITIES_ROUTE = '/v1/accounts/:id/capabilities';

export function capabilitiesRoute(app: FastifyInstance, services: Pick<Services, 'store' | 'broker' | 'endpoints' | 'now' | 'log'>): void {
  app.get(CAPABILITIES_ROUTE, async (request) => {
    const consumer = consumerOf(request);
    const { id } = params.parse(request.params);
    const audit: AuditInfo = { event: 'capabilities', accountId: id, scopes: [], method: 'GET', path: CAPABILITIES_ROUTE };
    request.auditInfo = audit;
    if (!consumer.accountIds.includes(id)) throw new AppError('account_forbidden');
    const account = services.store.data.accounts.find((candidate) => candidate.id === id);
    if (!account) throw new AppError('account_not_found');
    const scopes = defaultScopes(consumer, account.grantedScopes);
    audit.scopes = scopes;
    if (scopes.length === 0) throw new AppError('scope_not_granted', { details: { granted_scopes: account.grantedScopes } });
    const report = await checkAccount(capabilityDeps(services), id, { limitTo: consumer.allowedScopes, tokenScopes: scopes });
    return toCapabilityWire(report);
  });
}
