// Wire shape of "Check what works" (POST /api/accounts/:id/capabilities, POST
// /api/ms365/entries/:id/capabilities, GET /v1/accounts/:id/capabilities), converted from the
// domain's camelCase report at the HTTP edge (server/http/views/capabilities.ts). Counts and plain sentences only, never Graph content.
import * as z from 'zod';
import { FEATURE_IDS } from '../../../shared/capability-features.js';

export const VERDICTS = ['works', 'missing_permission', 'not_available', 'not_shared', 'refused'] as const;

export const capabilityFeature = z.object({
  feature: z.enum(FEATURE_IDS),
  verdict: z.enum(VERDICTS),
  detail: z.string(),
  count: z.number().int().min(0).optional(),
  permission: z.string().optional(),
});

export const capabilityReport = z.object({
  checked_at: z.string(),
  features: z.array(capabilityFeature),
});

export type CapabilityReportWire = z.infer<typeof capabilityReport>;
