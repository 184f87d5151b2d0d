// The five MS365 integrations' config-flow forms, as Home Assistant serialises them, and the input
// checks HA runs on a submitted step before the integration sees it. Written from:
// - RogerSelwyn/MS365-*: custom_components/<domain>/schema.py (CONFIG_SCHEMA, REQUEST_AUTHORIZATION_DEFAULT_SCHEMA),
//   integration/schema_integration.py (CONFIG_SCHEMA_INTEGRATION), integration/config_flow_integration.py
//   (integration_reconfigure_schema, integration_validate_schema), config_flow.py (_redo_configuration),
//   integration/permissions_integration.py (requested_permissions), const.py (CountryOptions, COUNTRY_URLS);
// - home-assistant-libs/voluptuous-serialize voluptuous_serialize/__init__.py (key order: the validator's
//   fields, then name, description, required, required/optional, default; vol.Strip → {"strip": true};
//   vol.In over an enum → options as [value, value] pairs);
// - home-assistant/core helpers/config_validation.py custom_serializer (cv.string → string, cv.boolean →
//   boolean, section → {"type": "expandable", "schema", "expanded": not collapsed}).

export type Ms365FlowDomain = 'ms365_calendar' | 'ms365_mail' | 'ms365_todo' | 'ms365_teams' | 'ms365_contacts';
export const FLOW_DOMAINS: readonly Ms365FlowDomain[] = ['ms365_calendar', 'ms365_mail', 'ms365_todo', 'ms365_teams', 'ms365_contacts'];

export type Field = Record<string, unknown> & { name: string; type: string };

export const COUNTRIES = ['Default', '21Vianet (China)', 'MS365 GCC'] as const;
/** const.py COUNTRY_URLS: the login host MSAL gets and the Graph prefix of the scopes. */
export const COUNTRY_HOSTS: Record<string, { login: string; graph: string }> = {
  Default: { login: 'login.microsoftonline.com', graph: 'https://graph.microsoft.com/' },
  '21Vianet (China)': { login: 'login.partner.microsoftonline.cn', graph: 'https://microsoftgraph.chinacloudapi.cn/' },
  'MS365 GCC': { login: 'login.microsoftonline.us', graph: 'https://graph.microsoft.us/' },
};
const TEAMS_LEVELS = ['Disabled', 'Read', 'Update'] as const;

const pairs = (values: readonly string[]) => values.map((value) => [value, value]);
const required = (name: string, fields: Record<string, unknown>, dflt?: unknown): Field =>
  ({ type: 'string', ...fields, name, required: true, ...(dflt === undefined ? {} : { default: dflt }) }) as Field;
const optional = (name: string, fields: Record<string, unknown>, extra: { default?: unknown; description?: unknown } = {}): Field =>
  ({
    type: 'string',
    ...fields,
    name,
    ...(extra.description === undefined ? {} : { description: extra.description }),
    required: false,
    optional: true,
    ...('default' in extra ? { default: extra.default } : {}),
  }) as Field;
const strippedString = { type: 'string', strip: true };

function apiOptions(country: string, tenant: string): Field {
  return {
    type: 'expandable',
    schema: [
      required('country', { type: 'select', options: pairs(COUNTRIES) }, country),
      optional('tenant_id', strippedString, { default: tenant }),
    ],
    // section(..., {"collapsed": True})
    expanded: false,
    name: 'api_options',
    required: true,
  };
}

/** CONFIG_SCHEMA_INTEGRATION of each domain, for a new entry. */
function integrationFields(domain: Ms365FlowDomain): Field[] {
  const bool = (name: string) => optional(name, { type: 'boolean' }, { default: false });
  const text = (name: string) => optional(name, { type: 'string' }, { default: '' });
  switch (domain) {
    case 'ms365_calendar':
      return [bool('enable_update'), bool('basic_calendar'), bool('groups'), text('shared_mailbox')];
    case 'ms365_mail':
      return [bool('enable_update'), text('shared_mailbox'), bool('enable_autoreply')];
    case 'ms365_todo':
      return [bool('enable_update')];
    case 'ms365_teams':
      return [
        required('chat_enable', { type: 'select', options: pairs(TEAMS_LEVELS) }, 'Read'),
        required('status_enable', { type: 'select', options: pairs(TEAMS_LEVELS) }, 'Read'),
        optional('alternate_email', { type: 'string' }),
      ];
    case 'ms365_contacts':
      return [text('shared_mailbox')];
  }
}

/** integration_reconfigure_schema: the entry's values as defaults, the shared mailbox as a suggestion. */
function reconfigureIntegrationFields(domain: Ms365FlowDomain, data: Record<string, unknown>): Field[] {
  const bool = (name: string) => optional(name, { type: 'boolean' }, { default: data[name] });
  const suggested = (name: string) => optional(name, { type: 'string' }, { description: { suggested_value: data[name] ?? null } });
  switch (domain) {
    case 'ms365_calendar':
      return [bool('enable_update'), bool('basic_calendar'), bool('groups'), suggested('shared_mailbox')];
    case 'ms365_mail':
      return [bool('enable_update'), suggested('shared_mailbox'), bool('enable_autoreply')];
    case 'ms365_todo':
      return [bool('enable_update')];
    case 'ms365_teams':
      return [
        required('chat_enable', { type: 'select', options: pairs(TEAMS_LEVELS) }, data.chat_enable),
        required('status_enable', { type: 'select', options: pairs(TEAMS_LEVELS) }, data.status_enable),
        suggested('alternate_email'),
      ];
    case 'ms365_contacts':
      return [suggested('shared_mailbox')];
  }
}

/** The user step of a new entry: CONFIG_SCHEMA | CONFIG_SCHEMA_INTEGRATION. */
export function userSchema(domain: Ms365FlowDomain): Field[] {
  return [
    required('entity_name', strippedString),
    required('client_id', strippedString),
    required('client_secret', strippedString),
    optional('alt_auth_method', { type: 'boolean' }, { default: false }),
    apiOptions('Default', ''),
    ...integrationFields(domain),
  ];
}

/**
 * _redo_configuration: no entity_name, and the stored client ID and secret as defaults. HA really
 * sends the stored secret back in this form, so whoever drives the flow must keep it to itself.
 */
export function reconfigureSchema(domain: Ms365FlowDomain, data: Record<string, unknown>): Field[] {
  const api = (data.api_options ?? {}) as Record<string, unknown>;
  const tenant = typeof api.tenant_id === 'string' && api.tenant_id.trim() !== '' && api.tenant_id.trim() !== 'common' ? api.tenant_id.trim() : '';
  return [
    required('client_id', strippedString, data.client_id),
    required('client_secret', strippedString, data.client_secret),
    optional('alt_auth_method', { type: 'boolean' }, { default: data.alt_auth_method ?? false }),
    apiOptions(typeof api.country === 'string' ? api.country : 'Default', tenant),
    ...reconfigureIntegrationFields(domain, data),
  ];
}

export const REQUEST_DEFAULT_SCHEMA: Field[] = [required('url', { type: 'string' })];

/** integration_validate_schema: the option conflicts each integration refuses (field → error key). */
export function integrationConflicts(domain: Ms365FlowDomain, input: Record<string, unknown>): Record<string, string> {
  if (domain === 'ms365_calendar') {
    if (input.basic_calendar && input.shared_mailbox) return { basic_calendar: 'cannot_have_basic_shared' };
    if (input.basic_calendar && input.enable_update) return { basic_calendar: 'cannot_have_basic_update' };
    if (input.groups && input.shared_mailbox) return { groups: 'cannot_have_groups_shared' };
  }
  if (domain === 'ms365_teams' && input.alternate_email && input.status_enable !== 'Read') return { status_enable: 'status_enable_should_be_read' };
  return {};
}

/** permissions_integration.py requested_permissions (PERM_BASE_PERMISSIONS is User.Read). */
export function requestedPermissions(domain: Ms365FlowDomain, input: Record<string, unknown>): string[] {
  const shared = input.shared_mailbox ? '.Shared' : '';
  const update = Boolean(input.enable_update);
  const scopes = ['User.Read'];
  switch (domain) {
    case 'ms365_calendar':
      if (input.basic_calendar) scopes.push(`Calendars.ReadBasic${shared}`);
      else scopes.push(update ? `Calendars.ReadWrite${shared}` : `Calendars.Read${shared}`);
      if (input.groups) scopes.push(update ? 'Group.ReadWrite.All' : 'Group.Read.All');
      break;
    case 'ms365_mail':
      scopes.push(`Mail.Read${shared}`);
      if (update) scopes.push(`Mail.Send${shared}`);
      if (input.enable_autoreply) scopes.push('MailboxSettings.ReadWrite');
      break;
    case 'ms365_todo':
      scopes.push(update ? 'Tasks.ReadWrite' : 'Tasks.Read');
      break;
    case 'ms365_teams':
      if (input.status_enable === 'Update') scopes.push('Presence.ReadWrite');
      else if (input.status_enable === 'Read' || input.alternate_email) scopes.push('Presence.Read');
      if (input.alternate_email) scopes.push('Presence.Read.All', 'User.ReadBasic.All');
      if (input.chat_enable === 'Update') scopes.push('Chat.ReadWrite');
      else if (input.chat_enable === 'Read') scopes.push('Chat.Read');
      break;
    case 'ms365_contacts':
      scopes.push(`Contacts.Read${shared}`);
      break;
  }
  return scopes;
}

/**
 * What HA does with a submitted step before the integration sees it (data_entry_flow FlowManager
 * async_configure → data_schema(user_input)): unknown keys and missing required keys are refused
 * (HTTP 400 {"errors": …}), values are checked by type, defaults are filled, strings stripped.
 */
export function validateStep(schema: Field[], input: Record<string, unknown>): { ok: true; value: Record<string, unknown> } | { ok: false; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const value: Record<string, unknown> = {};
  const known = new Set(schema.map((field) => field.name));
  for (const key of Object.keys(input)) if (!known.has(key)) errors.base = `extra keys not allowed @ data['${key}']`;
  for (const field of schema) {
    const given = input[field.name];
    if (given === undefined) {
      if ('default' in field) value[field.name] = field.default;
      else if (field.required) errors[field.name] = 'required key not provided';
      continue;
    }
    if (field.type === 'expandable') {
      const inner = given && typeof given === 'object' && !Array.isArray(given) ? validateStep(field.schema as Field[], given as Record<string, unknown>) : null;
      if (!inner) errors[field.name] = 'expected a dictionary';
      else if (!inner.ok) errors[field.name] = Object.values(inner.errors)[0] ?? 'invalid';
      else value[field.name] = inner.value;
      continue;
    }
    const checked = checkValue(field, given);
    if (checked.error) errors[field.name] = checked.error;
    else value[field.name] = checked.value;
  }
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, value };
}

function checkValue(field: Field, given: unknown): { value?: unknown; error?: string } {
  if (field.type === 'boolean') {
    // cv.boolean accepts booleans and a few words; anything else is "invalid boolean value".
    if (typeof given === 'boolean') return { value: given };
    const word = String(given).toLowerCase();
    if (['1', 'true', 'yes', 'on', 'enable'].includes(word)) return { value: true };
    if (['0', 'false', 'no', 'off', 'disable'].includes(word)) return { value: false };
    return { error: `invalid boolean value ${JSON.stringify(given)}` };
  }
  if (field.type === 'select') {
    const options = (field.options as string[][]).map(([option]) => option);
    return options.includes(String(given)) ? { value: given } : { error: `value must be one of [${options.map((o) => `'${o}'`).join(', ')}]` };
  }
  // cv.string: str stays, numbers become str, containers and None are refused.
  if (given === null || typeof given === 'object') return { error: 'expected str' };
  const text = String(given);
  return { value: field.strip ? text.trim() : text };
}
