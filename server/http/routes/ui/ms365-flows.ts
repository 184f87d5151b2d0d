// "Add an MS365 integration": the five integrations, their options, and the config flows the add-on
// drives in HA. Every changing route needs an admin (admin-guard.ts covers every non-GET method).
import type { FastifyInstance } from 'fastify';
import { AppError } from '../../../errors/app-error.js';
import { checkAdmin } from '../../plugins/admin-guard.js';
import { parseDomain } from '../../../ms365/flows/flows.js';
import { findEntryConfig } from '../../../ms365/entries.js';
import type { Services } from '../../../services.js';
import { entryParams } from '../../contract/ms365.js';
import { domainParams, flowParams, flowPasteBody, reconfigureBody, startFlowBody, type IntegrationsView, type OptionFieldsView } from '../../contract/ms365-flows.js';
import { toFlowFinishedView, toFlowStartedView, toOptionFieldView } from '../../views/ms365-flows.js';

export function ms365FlowRoutes(app: FastifyInstance, services: Pick<Services, 'ms365Flows' | 'settings' | 'homeAssistant'>): void {
  const flows = services.ms365Flows;
  const flowId = (params: unknown) => flowParams.parse(params).flowId;
  app.get('/api/ms365/integrations', async (): Promise<IntegrationsView> => flows.integrations());
  // Reading the options opens (and at once abandons) a flow in HA: a side effect, so admins only.
  app.get('/api/ms365/integrations/:domain/options', async (request): Promise<OptionFieldsView> => {
    const check = await checkAdmin(services, request);
    if (!check.ok) throw new AppError('admin_check_unavailable');
    if (!check.isAdmin) throw new AppError('admin_required');
    const options = await flows.optionFields(domainParams.parse(request.params).domain);
    return { domain: options.domain, fields: options.fields.map(toOptionFieldView) };
  });
  app.post('/api/ms365/flows', async (request, reply) => {
    const body = startFlowBody.parse(request.body ?? {});
    const started = await flows.start({
      domain: parseDomain(body.domain),
      entityName: body.entity_name ?? null,
      appRegistrationId: body.app_registration_id,
      options: body.options,
      method: body.method,
      entryId: body.entry_id,
    });
    return reply.code(201).send(toFlowStartedView(started));
  });
  app.post('/api/ms365/entries/:entryId/reconfigure', async (request, reply) => {
    const entryId = entryParams.parse(request.params).entryId;
    const body = reconfigureBody.parse(request.body ?? {});
    const entry = await findEntryConfig({ haConfigDir: services.settings.haConfigDir }, entryId);
    const started = await flows.start({ domain: entry.domain, entityName: null, appRegistrationId: body.app_registration_id, options: body.options, method: body.method, entryId });
    return reply.code(201).send(toFlowStartedView(started));
  });
  app.post('/api/ms365/flows/:flowId/paste', async (request) => toFlowFinishedView(await flows.paste(flowId(request.params), flowPasteBody.parse(request.body).url)));
  app.post('/api/ms365/flows/:flowId/finish', async (request) => toFlowFinishedView(await flows.finish(flowId(request.params))));
  app.delete('/api/ms365/flows/:flowId', async (request, reply) => {
    await flows.cancel(flowId(request.params));
    return reply.code(204).send();
  });
}
