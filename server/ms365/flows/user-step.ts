// The integration's user step, filled from the add-on's app registration and the options the panel
// sent. HA refuses unknown fields and missing sections (ms365-config-flow.md trap 1), so exactly the
// fields of the schema HA returned are sent. The options shown to the panel leave out the
// credentials: a reconfigure form carries the stored client secret as a default.
import { AppError } from '../../errors/app-error.js';
import type { AppRegistration } from '../../store/schema.js';
import type { CloudId } from '../../settings/clouds.js';
import { OPTION_FIELD_TYPES, type OptionFieldType } from '../../../shared/option-field-types.js';

/** The fields the add-on fills itself; never shown to the panel as options. */
const OWN_FIELDS = new Set(['entity_name', 'client_id', 'client_secret', 'alt_auth_method', 'api_options']);

const CLOUD_COUNTRIES: Record<CloudId, string> = { global: 'Default', china: '21Vianet (China)', usgov: 'MS365 GCC' };

/** One option of the integration's form, as HA's data_schema describes it. */
export interface OptionField {
  name: string;
  type: OptionFieldType;
  required: boolean;
  default?: unknown;
  suggestedValue?: unknown;
  options?: Array<[string, string]>;
  value?: unknown;
  schema?: OptionField[];
}

type SchemaField = Record<string, unknown>;

/** The options of a step's data_schema as the panel renders them, credentials left out. */
export function optionFields(schema: readonly SchemaField[]): OptionField[] {
  return schema.filter((field) => !OWN_FIELDS.has(String(field.name))).map(toOptionField);
}

function toOptionField(field: SchemaField): OptionField {
  const type = (OPTION_FIELD_TYPES as readonly unknown[]).includes(field.type) ? (field.type as OptionFieldType) : 'unknown';
  const out: OptionField = { name: String(field.name), type, required: field.required === true };
  if ('default' in field) out.default = field.default;
  const description = field.description as { suggested_value?: unknown } | undefined;
  if (description && 'suggested_value' in description) out.suggestedValue = description.suggested_value;
  if (type === 'select') out.options = (field.options as Array<[unknown, unknown]>).map(([value, label]) => [String(value), String(label)]);
  // multi_select serialises its options as a {value: label} mapping (cv.multi_select).
  if (type === 'multi_select') out.options = Object.entries((field.options ?? {}) as Record<string, unknown>).map(([value, label]) => [value, String(label)]);
  if (type === 'constant') out.value = field.value;
  if (type === 'expandable') out.schema = ((field.schema ?? []) as SchemaField[]).map(toOptionField);
  return out;
}

export interface UserStepInput {
  entityName: string | null;
  registration: Pick<AppRegistration, 'clientId' | 'clientSecret' | 'cloud' | 'tenant'>;
  alternate: boolean;
  options: Record<string, unknown>;
}

/** The tenant as the integration's tenant_id: blank means its default, common (helpers/utils.get_tenant_id). */
export function tenantIdFor(tenant: string): string {
  return tenant === 'common' ? '' : tenant;
}

export function buildUserInput(schema: readonly SchemaField[], input: UserStepInput): Record<string, unknown> {
  const names = new Set(schema.map((field) => String(field.name)));
  for (const key of Object.keys(input.options)) {
    if (!names.has(key) || OWN_FIELDS.has(key)) throw new AppError('validation_failed', { message: `The integration has no option “${key}”.`, field: `options.${key}` });
  }
  const out: Record<string, unknown> = {};
  for (const field of schema) {
    const name = String(field.name);
    if (name === 'entity_name' && input.entityName !== null) out.entity_name = input.entityName;
    else if (name === 'client_id') out.client_id = input.registration.clientId;
    else if (name === 'client_secret') out.client_secret = input.registration.clientSecret;
    else if (name === 'alt_auth_method') out.alt_auth_method = input.alternate;
    else if (name === 'api_options') out.api_options = apiOptions(field, input.registration);
    else if (name in input.options) out[name] = checkOption(field, input.options[name]);
  }
  return out;
}

function apiOptions(field: SchemaField, registration: UserStepInput['registration']): Record<string, unknown> {
  const inner = new Set(((field.schema ?? []) as SchemaField[]).map((entry) => String(entry.name)));
  const section: Record<string, unknown> = {};
  if (inner.has('country')) section.country = CLOUD_COUNTRIES[registration.cloud];
  if (inner.has('tenant_id')) section.tenant_id = tenantIdFor(registration.tenant);
  return section;
}

function checkOption(field: SchemaField, value: unknown): unknown {
  const name = String(field.name);
  const bad = (what: string) => new AppError('validation_failed', { message: `The option “${name}” must be ${what}.`, field: `options.${name}` });
  switch (field.type) {
    case 'boolean':
      if (typeof value !== 'boolean') throw bad('true or false');
      return value;
    case 'integer':
      if (typeof value !== 'number' || !Number.isInteger(value)) throw bad('a whole number');
      return value;
    case 'select': {
      const allowed = ((field.options ?? []) as Array<[unknown, unknown]>).map(([option]) => String(option));
      if (typeof value !== 'string' || !allowed.includes(value)) throw bad(`one of ${allowed.join(', ')}`);
      return value;
    }
    case 'multi_select': {
      const allowed = Object.keys((field.options ?? {}) as Record<string, unknown>);
      if (!Array.isArray(value) || value.some((item) => typeof item !== 'string' || !allowed.includes(item))) throw bad(`a list of ${allowed.join(', ')}`);
      return value;
    }
    default:
      if (typeof value !== 'string' || value.length > 500) throw bad('text of at most 500 characters');
      return value;
  }
}
