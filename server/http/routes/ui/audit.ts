// GET /api/audit?limit=: the newest consumer API audit lines for the panel. Read-only, and the
// lines hold no token or key by construction (audit/audit-line.ts).
import type { FastifyInstance } from 'fastify';
import * as z from 'zod';
import type { Services } from '../../../services.js';
import type { AuditListView } from '../../contract/audit.js';
import { toAuditLineView } from '../../views/audit.js';

const auditQuery = z.object({ limit: z.coerce.number().int().min(1).max(1000).default(100) });

export function auditRoutes(app: FastifyInstance, services: Pick<Services, 'audit'>): void {
  app.get('/api/audit', async (request): Promise<AuditListView> => {
    const { limit } = auditQuery.parse(request.query);
    return { entries: (await services.audit.read(limit)).map(toAuditLineView) };
  });
}
