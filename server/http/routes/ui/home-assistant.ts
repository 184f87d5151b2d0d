// What the add-on knows about Home Assistant, and the one action it offers there: restarting HA so
// that it serves the sign-in page under /local/. Add-on mode only.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import * as z from 'zod';
import { AppError } from '../../../errors/app-error.js';
import type { Services } from '../../../services.js';
import type { HomeAssistantStatusFields, RestartView } from '../../contract/home-assistant.js';
import { checkAdmin } from '../../plugins/admin-guard.js';
import { toHomeAssistantView } from '../../views/home-assistant.js';

const freshQuery = z.object({ fresh: z.enum(['0', '1']).optional().transform((v) => v === '1') });

/** The fields GET /api/status adds: who is asking, and what HA offers right now. */
export async function homeAssistantStatus(services: Pick<Services, 'homeAssistant'>, request: FastifyRequest): Promise<HomeAssistantStatusFields> {
  const admin = await checkAdmin(services, request, { forDisplay: true });
  const status = services.homeAssistant?.status();
  const view = status ? toHomeAssistantView(status) : null;
  return {
    is_admin: admin.ok ? admin.isAdmin : null,
    home_assistant: view,
    // Other add-ons' address for the consumer API, once the Supervisor told us our host name.
    ...(view?.consumer_api_url ? { consumer_api_url: view.consumer_api_url } : {}),
  };
}

export function homeAssistantRoutes(app: FastifyInstance, services: Pick<Services, 'homeAssistant'>): void {
  const ha = services.homeAssistant;
  if (!ha) return;
  // `?fresh=1` checks again now instead of waiting for the snapshot to age (e.g. after fixing HA's
  // URL). A read for the user: checks are single-flight and only rewrite the page if it changed.
  // The admin lookup is a feature too: when it failed, the panel's "Check again" retries it as well.
  app.get('/api/home-assistant', async (request) => {
    if (freshQuery.parse(request.query).fresh) {
      const adminCheckFailed = ha.status().features.admin_check.available === false;
      await Promise.all([ha.refresh(), adminCheckFailed ? checkAdmin(services, request) : undefined]);
    }
    return toHomeAssistantView(ha.status());
  });
  // The admin guard has already run: only HA administrators get here.
  app.post('/api/home-assistant/restart', async (_request, reply) => {
    const result = await ha.restart();
    if (!result.ok) throw new AppError('home_assistant_unavailable', { message: `Home Assistant was not restarted: ${result.error.message}.` });
    const body: RestartView = { restart: 'requested' };
    return reply.code(202).send(body);
  });
}
