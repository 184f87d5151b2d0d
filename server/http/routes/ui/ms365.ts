// The MS365 integrations page: entries with their token health, sign-in again, keep-alive.
import type { FastifyInstance } from 'fastify';
import { capabilityDeps } from '../../../capabilities/deps.js';
import { checkEntry } from '../../../capabilities/run-check.js';
import { AppError } from '../../../errors/app-error.js';
import { findEntryConfig } from '../../../ms365/entries.js';
import type { Services } from '../../../services.js';
import { toCapabilityWire } from '../../views/capabilities.js';
import { entryParams, keepAliveBody, ms365FinishBody, ms365PasteBody, ms365SignInBody } from '../../contract/ms365.js';
import { toMs365EntryView, toMs365ListView, toMs365RefreshView, toMs365SignInFinishedView, toMs365SignInStartedView } from '../../views/ms365.js';

export function ms365Routes(app: FastifyInstance, services: Pick<Services, 'ms365' | 'settings' | 'store' | 'broker' | 'endpoints' | 'now' | 'log'>): void {
  const ms365 = services.ms365;
  const id = (params: unknown) => entryParams.parse(params).entryId;
  app.get('/api/ms365/entries', async () => toMs365ListView(await ms365.list()));
  app.get('/api/ms365/entries/:entryId', async (request) => toMs365EntryView(await ms365.entry(id(request.params))));
  app.post('/api/ms365/entries/:entryId/sign-ins', async (request, reply) => {
    const body = ms365SignInBody.parse(request.body ?? {});
    return reply.code(201).send(toMs365SignInStartedView(await ms365.startSignIn(id(request.params), body.method)));
  });
  // The internet redirect finished in another tab (the panel polled /api/sign-ins/:state): write the file.
  app.post('/api/ms365/entries/:entryId/sign-ins/finish', async (request) =>
    toMs365SignInFinishedView(await ms365.finishSignIn(id(request.params), { state: ms365FinishBody.parse(request.body).state })),
  );
  app.post('/api/ms365/entries/:entryId/sign-ins/paste', async (request) =>
    toMs365SignInFinishedView(await ms365.finishFromPaste(id(request.params), ms365PasteBody.parse(request.body).url)),
  );
  app.put('/api/ms365/entries/:entryId/keep-alive', async (request) => {
    const body = keepAliveBody.parse(request.body);
    return toMs365EntryView(await ms365.setKeepAlive(id(request.params), { enabled: body.enabled, afterDays: body.after_days }));
  });
  app.post('/api/ms365/entries/:entryId/refresh', async (request) => toMs365RefreshView(await ms365.refreshNow(id(request.params))));
  // "Check what works" for the entry: its options' features and shared mailbox, its token file's account.
  app.post('/api/ms365/entries/:entryId/capabilities', async (request) => {
    const haConfigDir = services.settings.haConfigDir;
    if (!haConfigDir) throw new AppError('ha_config_folder_unset');
    const entry = await findEntryConfig({ haConfigDir }, id(request.params));
    return toCapabilityWire(await checkEntry(capabilityDeps(services), entry, haConfigDir));
  });
}
