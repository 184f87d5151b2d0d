// "Add an MS365 integration" across the wire: the integration's options, a started flow, a finished one.
import type { FlowFinished, FlowStarted } from '../../ms365/flows/flows.js';
import type { OptionField } from '../../ms365/flows/user-step.js';
import type { FlowFinished as FlowFinishedView, FlowStarted as FlowStartedView, OptionFieldView } from '../contract/ms365-flows.js';

export function toOptionFieldView(field: OptionField): OptionFieldView {
  const view: OptionFieldView = { name: field.name, type: field.type, required: field.required };
  if ('default' in field) view.default = field.default;
  if ('suggestedValue' in field) view.suggested_value = field.suggestedValue;
  if (field.options) view.options = field.options;
  if ('value' in field) view.value = field.value;
  if (field.schema) view.schema = field.schema.map(toOptionFieldView);
  return view;
}

export const toFlowStartedView = (started: FlowStarted): FlowStartedView => ({
  flow_id: started.flowId,
  domain: started.domain,
  entity_name: started.entityName,
  method: started.method,
  auth_url: started.authUrl,
  redirect_uri: started.redirectUri,
  landing_uri: started.landingUri,
  reconfigure: started.reconfigure,
  entry_id: started.entryId,
  fields: started.fields.map(toOptionFieldView),
});

export const toFlowFinishedView = (finished: FlowFinished): FlowFinishedView => ({ result: finished.result, entry_id: finished.entryId });
