// Wire shapes of "Add an MS365 integration" (/api/ms365/integrations, /api/ms365/flows). The client
// secret never travels here: it comes from the saved app registration and goes to HA only.
import * as z from 'zod';
import { MS365_DOMAINS } from '../../../shared/ms365-domains.js';

export const flowParams = z.object({ flowId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/) });
export const domainParams = z.object({ domain: z.enum(MS365_DOMAINS) });
const options = z.record(z.string(), z.union([z.string().max(500), z.boolean(), z.number(), z.array(z.string().max(200)).max(50)])).default({});

export const startFlowBody = z
  .object({
    domain: z.enum(MS365_DOMAINS),
    entity_name: z.string().max(200).optional(),
    app_registration_id: z.string().min(1).max(100),
    options,
    method: z.enum(['paste_back', 'alternate']).default('paste_back'),
    /** Reconfigure this entry (Core 2024.4 or later) instead of adding one. */
    entry_id: z.string().min(1).max(100).optional(),
  })
  .strict();

export const reconfigureBody = z
  .object({
    app_registration_id: z.string().min(1).max(100),
    options,
    method: z.enum(['paste_back', 'alternate']).default('paste_back'),
  })
  .strict();

export const flowPasteBody = z.object({ url: z.string().max(20_000) });
