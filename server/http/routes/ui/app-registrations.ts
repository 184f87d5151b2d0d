// CRUD routes for app registrations.
import type { FastifyInstance } from 'fastify';
import {
  createAppRegistration,
  deleteAppRegistration,
  findAppRegistration,
  updateAppRegistration,
} from '../../../registrations/app-registrations.js';
import { secretExpiry } from '../../../alerts/secret-expiry.js';
import type { AppRegistration } from '../../../store/schema.js';
import type { Services } from '../../../services.js';
import { appRegistrationInput, appRegistrationPatch } from '../../contract/app-registrations.js';
import { idParams } from '../../contract/ui.js';
import { fromAppRegistrationInput, fromNewAppRegistrationInput, toAppRegistrationView } from '../../views/app-registrations.js';

export function appRegistrationRoutes(app: FastifyInstance, services: Pick<Services, 'store' | 'now'>): void {
  const deps = { store: services.store, now: services.now };
  // Reads carry how close the client secret is to expiring (the same levels that raise alerts).
  const read = (registration: AppRegistration) => toAppRegistrationView(registration, secretExpiry(registration, services.now()));
  app.get('/api/app-registrations', async () => ({ app_registrations: services.store.data.appRegistrations.map(read) }));
  app.post('/api/app-registrations', async (request, reply) => {
    const created = await createAppRegistration(deps, fromNewAppRegistrationInput(appRegistrationInput.parse(request.body)));
    return reply.code(201).send(toAppRegistrationView(created));
  });
  app.get('/api/app-registrations/:id', async (request) =>
    read(findAppRegistration(services.store, idParams.parse(request.params).id)),
  );
  app.patch('/api/app-registrations/:id', async (request) => {
    const { id } = idParams.parse(request.params);
    return toAppRegistrationView(await updateAppRegistration(deps, id, fromAppRegistrationInput(appRegistrationPatch.parse(request.body))));
  });
  app.delete('/api/app-registrations/:id', async (request, reply) => {
    await deleteAppRegistration(deps, idParams.parse(request.params).id);
    return reply.code(204).send();
  });
}
