// CRUD routes for app registrations.
import type { FastifyInstance } from 'fastify';
import {
  createAppRegistration,
  deleteAppRegistration,
  findAppRegistration,
  toView,
  updateAppRegistration,
} from '../../../registrations/app-registrations.js';
import { secretExpiry } from '../../../alerts/secret-expiry.js';
import type { AppRegistration } from '../../../store/schema.js';
import type { Services } from '../../../services.js';
import { appRegistrationInput, appRegistrationPatch } from '../../contract/app-registrations.js';
import { idParams } from '../../contract/ui.js';

export function appRegistrationRoutes(app: FastifyInstance, services: Pick<Services, 'store' | 'now'>): void {
  const deps = { store: services.store, now: services.now };
  // Reads carry how close the client secret is to expiring (the same levels that raise alerts).
  const view = (registration: AppRegistration) => ({ ...toView(registration), secret_expiry: secretExpiry(registration, services.now()) });
  app.get('/api/app-registrations', async () => ({ app_registrations: services.store.data.appRegistrations.map(view) }));
  app.post('/api/app-registrations', async (request, reply) => {
    const created = await createAppRegistration(deps, appRegistrationInput.parse(request.body));
    return reply.code(201).send(toView(created));
  });
  app.get('/api/app-registrations/:id', async (request) =>
    view(findAppRegistration(services.store, idParams.parse(request.params).id)),
  );
  app.patch('/api/app-registrations/:id', async (request) => {
    const { id } = idParams.parse(request.params);
    return toView(await updateAppRegistration(deps, id, appRegistrationPatch.parse(request.body)));
  });
  app.delete('/api/app-registrations/:id', async (request, reply) => {
    await deleteAppRegistration(deps, idParams.parse(request.params).id);
    return reply.code(204).send();
  });
}
