// Only HA administrators may change anything. In add-on mode the caller is the ingress user named by
// X-Remote-User-Id (set by the Supervisor, trusted only because the connection guard admits nobody
// else); whether that user is an admin is looked up in HA, never read from a header. Fails closed.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../../errors/app-error.js';
import type { Services } from '../../services.js';

const READ_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export type AdminCheck = { ok: true; isAdmin: boolean } | { ok: false };

/** The ingress user's id, when the request came through ingress with one. */
export function ingressUserId(request: FastifyRequest): string | undefined {
  const value = request.headers['x-remote-user-id'];
  return typeof value === 'string' && value.length > 0 && value.length <= 200 ? value : undefined;
}

/** `forDisplay` may answer from a stale cache (the panel's status); permissions never do. */
export async function checkAdmin(services: Pick<Services, 'homeAssistant'>, request: FastifyRequest, options: { forDisplay?: boolean } = {}): Promise<AdminCheck> {
  // Standalone mode has no HA users; its listener answers loopback only.
  if (!services.homeAssistant) return { ok: true, isAdmin: true };
  const userId = ingressUserId(request);
  if (!userId) return { ok: true, isAdmin: false };
  const ha = services.homeAssistant;
  const result = options.forDisplay ? await ha.isAdminForDisplay(userId) : await ha.isAdmin(userId);
  return result.ok ? { ok: true, isAdmin: result.value } : { ok: false };
}

/**
 * Every method that can change state needs an admin, on every path. GET /auth/callback stays open:
 * it can only finish a sign-in an admin started, with that sign-in's single-use state.
 */
export function installAdminGuard(app: FastifyInstance, services: Services): void {
  app.addHook('onRequest', async (request) => {
    if (READ_METHODS.has(request.method)) return;
    const check = await checkAdmin(services, request);
    if (!check.ok) throw new AppError('admin_check_unavailable');
    if (!check.isAdmin) throw new AppError('admin_required');
  });
}
