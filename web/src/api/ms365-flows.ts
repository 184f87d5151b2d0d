// "Add an MS365 integration": the five integrations, their options, and the HA config flow the
// add-on drives (start, paste, "I have signed in", cancel). The client secret never travels here.
import { request } from './client.js';
import type {
  FlowFinished,
  FlowMethod,
  FlowStarted,
  IntegrationsView,
  IntegrationView,
  OptionFieldsView,
  OptionFieldView as OptionField,
} from '../../../server/http/contract/ms365-flows.js';

export type { FlowFinished, FlowMethod, FlowStarted, IntegrationView, OptionField };

const flowPath = (flowId: string, rest = '') => `api/ms365/flows/${encodeURIComponent(flowId)}${rest}`;

export const fetchIntegrations = (signal?: AbortSignal) =>
  request<IntegrationsView>('api/ms365/integrations', { signal });

export const fetchIntegrationOptions = (domain: string, signal?: AbortSignal) =>
  request<OptionFieldsView>(`api/ms365/integrations/${encodeURIComponent(domain)}/options`, { signal });

export interface StartFlowInput {
  domain: string;
  entity_name?: string;
  app_registration_id: string;
  options: Record<string, unknown>;
  method: FlowMethod;
}

export const startFlow = (input: StartFlowInput) => request<FlowStarted>('api/ms365/flows', { method: 'POST', json: input });

export const startReconfigure = (entryId: string, input: Omit<StartFlowInput, 'domain' | 'entity_name'>) =>
  request<FlowStarted>(`api/ms365/entries/${encodeURIComponent(entryId)}/reconfigure`, { method: 'POST', json: input });

export const pasteIntoFlow = (flowId: string, url: string) => request<FlowFinished>(flowPath(flowId, '/paste'), { method: 'POST', json: { url } });

export const finishFlow = (flowId: string) => request<FlowFinished>(flowPath(flowId, '/finish'), { method: 'POST', json: {} });

export const cancelFlow = (flowId: string) => request<void>(flowPath(flowId), { method: 'DELETE' });

/**
 * Abandons a flow while the page goes away: a keep-alive request outlives the page, so HA does not
 * keep the flow (and the client secret it holds) until the 10-minute limit.
 */
export function abandonFlowOnLeave(flowId: string): void {
  void fetch(new URL(flowPath(flowId), document.baseURI), { method: 'DELETE', keepalive: true, credentials: 'same-origin' }).catch(() => undefined);
}
