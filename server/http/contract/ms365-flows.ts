// Wire shapes of "Add an MS365 integration" (/api/ms365/integrations, /api/ms365/flows). The client
// secret never travels here: it comes from the saved app registration and goes to HA only.
import * as z from 'zod';
import { MS365_DOMAINS, type Ms365Domain } from '../../../shared/ms365-domains.js';
import type { OptionFieldType } from '../../../shared/option-field-types.js';

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

export type FlowMethod = z.infer<typeof startFlowBody>['method'];

export interface IntegrationView {
  domain: Ms365Domain;
  title: string;
  /** HA has the integration's config flow, i.e. it is installed. */
  installed: boolean;
}

/** GET /api/ms365/integrations; `reconfigure`: HA Core can reconfigure an entry (2024.4 or later). */
export interface IntegrationsView {
  integrations: IntegrationView[];
  reconfigure: boolean;
}

/** One option of the integration's form, as the panel renders it. The credentials are never among them. */
export interface OptionFieldView {
  name: string;
  type: OptionFieldType;
  required: boolean;
  default?: unknown;
  suggested_value?: unknown;
  options?: Array<[string, string]>;
  value?: unknown;
  schema?: OptionFieldView[];
}

/** GET /api/ms365/integrations/:domain/options */
export interface OptionFieldsView {
  domain: Ms365Domain;
  fields: OptionFieldView[];
}

export interface FlowStarted {
  flow_id: string;
  domain: string;
  entity_name: string;
  method: FlowMethod;
  auth_url: string;
  redirect_uri: string;
  /** Where the browser lands after signing in (the emulator's nativeclient page in tests and the demo). */
  landing_uri: string;
  reconfigure: boolean;
  entry_id: string | null;
  fields: OptionFieldView[];
}

export interface FlowFinished {
  result: 'created' | 'reconfigured';
  entry_id: string;
}
