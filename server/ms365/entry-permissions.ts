// The permissions one MS365 entry needs, from the options stored in its config entry, by the
// integrations' own rules (ms365-integrations.md §2.3) as server/permissions encodes them.
import { emptyPicks, planPermissions, type Level, type PermissionPicks, type PlanMessage } from '../../shared/ms365-permissions.js';
import type { Ms365Domain } from './domains.js';

export interface EntryPermissions {
  /** Bare Graph names, `User.Read` and `offline_access` included, in the planner's stable order. */
  scopes: string[];
  /** Option combinations the integration's config flow refuses (the entry still asks for `scopes`). */
  problems: PlanMessage[];
}

const flag = (value: unknown): boolean => value === true || value === 'true';
const filled = (value: unknown): boolean => typeof value === 'string' ? value.trim() !== '' : Boolean(value);

/** Teams stores `Disabled`, `Read` or `Update`; absent means the config flow's default, `Read`. */
function level(value: unknown): Level {
  const word = typeof value === 'string' ? value.trim().toLowerCase() : 'read';
  if (word === 'disabled') return 'off';
  return word === 'update' ? 'update' : 'read';
}

export function picksForEntry(domain: Ms365Domain, data: Record<string, unknown>): PermissionPicks {
  const picks = emptyPicks();
  const shared = filled(data.shared_mailbox);
  switch (domain) {
    case 'ms365_calendar':
      picks.calendar = { enabled: true, update: flag(data.enable_update), basic: flag(data.basic_calendar), shared, groups: flag(data.groups) };
      break;
    case 'ms365_mail':
      picks.mail = { enabled: true, send: flag(data.enable_update), autoreply: flag(data.enable_autoreply), shared };
      break;
    case 'ms365_todo':
      picks.todo = { enabled: true, update: flag(data.enable_update) };
      break;
    case 'ms365_teams':
      picks.teams = { enabled: true, chat: level(data.chat_enable), presence: level(data.status_enable), alternateEmail: filled(data.alternate_email) };
      break;
    case 'ms365_contacts':
      picks.contacts = { enabled: true, shared };
      break;
  }
  return picks;
}

export function entryPermissions(domain: Ms365Domain, data: Record<string, unknown>): EntryPermissions {
  const plan = planPermissions(picksForEntry(domain, data));
  return { scopes: plan.scopes, problems: plan.problems };
}
