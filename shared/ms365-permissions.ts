// The Microsoft Graph delegated permissions the MS365 integrations ask for, computed from what a user
// wants them to do (rules and names from the integrations' permissions pages), and the check those
// integrations run on granted scopes. Pure TypeScript with no Node imports: the web bundle uses it too.

export type Level = 'off' | 'read' | 'update';

export interface CalendarPick { enabled: boolean; update: boolean; basic: boolean; shared: boolean; groups: boolean }
export interface MailPick { enabled: boolean; send: boolean; autoreply: boolean; shared: boolean }
export interface TodoPick { enabled: boolean; update: boolean }
export interface TeamsPick { enabled: boolean; chat: Level; presence: Level; alternateEmail: boolean }
export interface ContactsPick { enabled: boolean; shared: boolean }

export interface PermissionPicks {
  calendar: CalendarPick;
  mail: MailPick;
  todo: TodoPick;
  teams: TeamsPick;
  contacts: ContactsPick;
  /** Scope names typed by the user for other add-ons, e.g. `Files.Read`. */
  custom: string[];
}

export type IntegrationId = 'calendar' | 'mail' | 'todo' | 'teams' | 'contacts' | 'custom';

export interface PlanMessage {
  id: string;
  integration: IntegrationId;
  text: string;
}

export interface PermissionPlan {
  /** Exactly what to add under API permissions → Microsoft Graph → Delegated, in a stable order. */
  scopes: string[];
  /** Combinations the integrations refuse; the plan is not usable until they are fixed. */
  problems: PlanMessage[];
  /** Things that will not work for some accounts, or need an administrator. */
  warnings: PlanMessage[];
}

/** Every integration asks for these; MSAL adds openid and profile by itself. */
export const ALWAYS_REQUESTED_SCOPES = ['User.Read', 'offline_access'] as const;

// The same shape the service accepts for a scope: a bare Graph permission name.
const SCOPE_NAME = /^[A-Za-z][A-Za-z0-9._-]{0,99}$/;
const GRAPH_PREFIX = /^https:\/\/[^/\s]+\//;

export function emptyPicks(): PermissionPicks {
  return {
    calendar: { enabled: false, update: false, basic: false, shared: false, groups: false },
    mail: { enabled: false, send: false, autoreply: false, shared: false },
    todo: { enabled: false, update: false },
    // The Teams integration's defaults: chat and status both on, read only.
    teams: { enabled: false, chat: 'read', presence: 'read', alternateEmail: false },
    contacts: { enabled: false, shared: false },
    custom: [],
  };
}

/** Splits free text (spaces, commas, new lines) into scope names and the ones that are not valid. */
export function parseCustomScopes(text: string): { scopes: string[]; invalid: string[] } {
  const scopes: string[] = [];
  const invalid: string[] = [];
  for (const raw of text.split(/[\s,;]+/)) {
    if (raw === '') continue;
    const name = raw.replace(GRAPH_PREFIX, '');
    if (SCOPE_NAME.test(name)) scopes.push(name);
    else invalid.push(raw);
  }
  return { scopes: [...new Set(scopes)], invalid };
}

function calendarScopes(pick: CalendarPick, out: PlanBuilder): void {
  if (pick.basic && pick.update) out.problem('calendar_basic_update', 'A basic calendar cannot be combined with updating events.');
  if (pick.basic && pick.shared) out.problem('calendar_basic_shared', 'A basic calendar cannot be used with a shared mailbox (Calendars.ReadBasic.Shared does not exist).');
  if (pick.groups && pick.shared) out.problem('calendar_groups_shared', 'Group calendars cannot be combined with a shared mailbox.');
  const suffix = pick.shared ? '.Shared' : '';
  if (pick.basic && !pick.update && !pick.shared) out.add('Calendars.ReadBasic');
  else out.add(`Calendars.${pick.update ? 'ReadWrite' : 'Read'}${suffix}`);
  if (pick.groups) {
    out.add(pick.update ? 'Group.ReadWrite.All' : 'Group.Read.All');
    out.warn('groups_admin_consent', 'Group.Read.All and Group.ReadWrite.All need an administrator’s consent in work or school directories.');
  }
}

function mailScopes(pick: MailPick, out: PlanBuilder): void {
  const suffix = pick.shared ? '.Shared' : '';
  out.add(`Mail.Read${suffix}`);
  if (pick.send) out.add(`Mail.Send${suffix}`);
  if (pick.autoreply) {
    out.add('MailboxSettings.ReadWrite');
    if (pick.shared) out.warn('autoreply_shared', 'Automatic replies have no shared-mailbox permission: they fail with 403 on a shared mailbox.');
  }
}

function teamsScopes(pick: TeamsPick, out: PlanBuilder): void {
  if (pick.chat !== 'off') out.add(pick.chat === 'update' ? 'Chat.ReadWrite' : 'Chat.Read');
  if (pick.presence !== 'off') out.add(pick.presence === 'update' ? 'Presence.ReadWrite' : 'Presence.Read');
  if (pick.alternateEmail) {
    if (pick.presence !== 'read') out.problem('teams_alternate_needs_read', 'To monitor the status of an alternate email, set the status sensor to Read.');
    out.add('Presence.Read');
    out.add('Presence.Read.All');
    out.add('User.ReadBasic.All');
  }
  if (pick.chat !== 'off' || pick.presence !== 'off') {
    out.warn('teams_personal', 'Teams chat and presence do not work with personal Microsoft accounts (outlook.com, hotmail.com, live.com).');
  }
}

/** The delegated permission list for what the user picked, with the integrations' own refusals. */
export function planPermissions(picks: PermissionPicks): PermissionPlan {
  const out = new PlanBuilder();
  for (const scope of ALWAYS_REQUESTED_SCOPES) out.add(scope);
  out.integration = 'calendar';
  if (picks.calendar.enabled) calendarScopes(picks.calendar, out);
  out.integration = 'mail';
  if (picks.mail.enabled) mailScopes(picks.mail, out);
  out.integration = 'todo';
  if (picks.todo.enabled) out.add(picks.todo.update ? 'Tasks.ReadWrite' : 'Tasks.Read');
  out.integration = 'teams';
  if (picks.teams.enabled) teamsScopes(picks.teams, out);
  out.integration = 'contacts';
  if (picks.contacts.enabled) out.add(picks.contacts.shared ? 'Contacts.Read.Shared' : 'Contacts.Read');
  out.integration = 'custom';
  const custom = parseCustomScopes(picks.custom.join(' '));
  for (const scope of custom.scopes) out.add(scope);
  if (custom.invalid.length) out.problem('custom_invalid', `Not a permission name: ${custom.invalid.join(', ')}. Use names such as Files.Read.`);
  if (custom.scopes.some((s) => /^Group\./.test(s))) out.warn('groups_admin_consent', 'Group.* permissions need an administrator’s consent in work or school directories.');
  const shared = out.scopes.filter((s) => s.endsWith('.Shared'));
  if (shared.length) {
    out.integration = picks.calendar.shared ? 'calendar' : picks.mail.shared ? 'mail' : picks.contacts.shared ? 'contacts' : 'custom';
    out.warn('shared_personal', `Shared-mailbox permissions (${shared.join(', ')}) do not work with personal Microsoft accounts.`);
  }
  return { scopes: out.scopes, problems: out.problems, warnings: out.warnings };
}

class PlanBuilder {
  scopes: string[] = [];
  problems: PlanMessage[] = [];
  warnings: PlanMessage[] = [];
  integration: IntegrationId = 'custom';

  add(scope: string): void {
    if (!this.scopes.includes(scope)) this.scopes.push(scope);
  }
  problem(id: string, text: string): void {
    this.problems.push({ id, integration: this.integration, text });
  }
  warn(id: string, text: string): void {
    // One warning per id: the admin-consent note may come from both the calendar and a custom list.
    if (!this.warnings.some((w) => w.id === id)) this.warnings.push({ id, integration: this.integration, text });
  }
}

// ---- What counts as granted, as the MS365 integrations check it ----

const OPERATION_RANK: Record<string, number> = { ReadBasic: 0, Read: 1, ReadWrite: 2 };
const SHARED_SATISFIES = new Set(['Calendars', 'Contacts', 'Mail']);

function splitScope(scope: string): { resource: string; operation: string; suffix: string } {
  const [resource = '', operation = '', ...rest] = scope.replace(GRAPH_PREFIX, '').split('.');
  return { resource, operation, suffix: rest.join('.') };
}

function operationCovers(granted: string, required: string): boolean {
  if (granted === required) return true;
  const g = OPERATION_RANK[granted];
  const r = OPERATION_RANK[required];
  return g !== undefined && r !== undefined && g >= r;
}

/**
 * True when the granted list satisfies one required permission: the same name, a higher operation
 * (ReadBasic → Read → ReadWrite), the `.Shared` variant for Calendars, Contacts and Mail, or the
 * `.All` variant for Presence. Case-sensitive, like the integrations' check.
 */
export function isSatisfiedBy(required: string, granted: readonly string[]): boolean {
  const want = splitScope(required);
  return granted.some((scope) => {
    const have = splitScope(scope);
    if (have.resource !== want.resource || !operationCovers(have.operation, want.operation)) return false;
    if (have.suffix === want.suffix) return true;
    if (want.suffix !== '') return false;
    return (SHARED_SATISFIES.has(want.resource) && have.suffix === 'Shared') || (want.resource === 'Presence' && have.suffix === 'All');
  });
}

/** The required permissions the granted list does not satisfy (OpenID scopes never count as missing). */
export function missingPermissions(required: readonly string[], granted: readonly string[]): string[] {
  const oidc = new Set(['openid', 'profile', 'offline_access', 'email']);
  return required.filter((scope) => !oidc.has(scope.toLowerCase()) && !isSatisfiedBy(scope, granted));
}

/** Scopes personal Microsoft accounts cannot be granted. */
export function isWorkOnlyScope(scope: string): boolean {
  const { resource, suffix } = splitScope(scope);
  return suffix === 'Shared' || resource === 'Chat' || resource === 'Presence' || resource === 'Group';
}

/** Scopes that need an administrator's consent in a work or school directory. */
export function needsAdminConsent(scope: string): boolean {
  return splitScope(scope).resource === 'Group';
}
