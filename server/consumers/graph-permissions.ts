// Which delegated permissions a Graph call needs, by path family, so a consumer key limited to some
// scopes can use the Graph pass-through only within them. Microsoft puts every consented permission
// into one access token, so this table (not the token) is what holds a limited key to its scopes.
// Paths the table does not know are refused to limited keys ($batch could smuggle any call).
import { AppError } from '../errors/app-error.js';
import { shortScope } from '../oauth/scopes.js';
import type { Consumer } from '../store/schema.js';

interface Family {
  read: string[];
  write: string[];
  /** POST that only reads (findMeetingTimes): the read permissions suffice. */
  postReads?: boolean;
}

const USER: Family = {
  read: ['User.Read', 'User.ReadWrite', 'User.ReadBasic.All', 'User.Read.All', 'User.ReadWrite.All', 'Directory.Read.All', 'Directory.ReadWrite.All'],
  write: ['User.ReadWrite', 'User.ReadWrite.All', 'Directory.ReadWrite.All'],
};
const MAIL: Family = { read: ['Mail.ReadBasic', 'Mail.Read', 'Mail.ReadWrite'], write: ['Mail.ReadWrite'] };
const SEND_MAIL: Family = { read: [], write: ['Mail.Send'] };
const MAILBOX_SETTINGS: Family = { read: ['MailboxSettings.Read', 'MailboxSettings.ReadWrite'], write: ['MailboxSettings.ReadWrite'] };
const CALENDARS: Family = {
  read: ['Calendars.ReadBasic', 'Calendars.Read', 'Calendars.ReadWrite', 'Calendars.Read.Shared', 'Calendars.ReadWrite.Shared'],
  write: ['Calendars.ReadWrite', 'Calendars.ReadWrite.Shared'],
};
const MEETING_TIMES: Family = { ...CALENDARS, postReads: true };
const CONTACTS: Family = { read: ['Contacts.Read', 'Contacts.ReadWrite'], write: ['Contacts.ReadWrite'] };
const TASKS: Family = { read: ['Tasks.Read', 'Tasks.ReadWrite'], write: ['Tasks.ReadWrite'] };
const FILES: Family = { read: ['Files.Read', 'Files.ReadWrite', 'Files.Read.All', 'Files.ReadWrite.All'], write: ['Files.ReadWrite', 'Files.ReadWrite.All'] };
const NOTES: Family = { read: ['Notes.Read', 'Notes.ReadWrite', 'Notes.Read.All', 'Notes.ReadWrite.All'], write: ['Notes.Create', 'Notes.ReadWrite', 'Notes.ReadWrite.All'] };
const PRESENCE: Family = { read: ['Presence.Read', 'Presence.Read.All', 'Presence.ReadWrite'], write: ['Presence.ReadWrite'] };
const CHATS: Family = { read: ['Chat.ReadBasic', 'Chat.Read', 'Chat.ReadWrite'], write: ['Chat.ReadWrite', 'ChatMessage.Send'] };
const TEAMS: Family = { read: ['Team.ReadBasic.All', 'Channel.ReadBasic.All', 'ChannelMessage.Read.All', 'TeamSettings.Read.All', 'TeamSettings.ReadWrite.All'], write: ['ChannelMessage.Send', 'TeamSettings.ReadWrite.All'] };
const PEOPLE: Family = { read: ['People.Read', 'People.Read.All'], write: [] };
const SITES: Family = { read: ['Sites.Read.All', 'Sites.ReadWrite.All', 'Sites.Manage.All', 'Sites.FullControl.All'], write: ['Sites.ReadWrite.All', 'Sites.Manage.All', 'Sites.FullControl.All'] };
const GROUPS: Family = { read: ['Group.Read.All', 'Group.ReadWrite.All', 'GroupMember.Read.All'], write: ['Group.ReadWrite.All'] };
const PLANNER: Family = { read: ['Tasks.Read', 'Tasks.ReadWrite', 'Group.Read.All', 'Group.ReadWrite.All'], write: ['Tasks.ReadWrite', 'Group.ReadWrite.All'] };

/** The segment after `me/` (or `users/{id}/`); '' is the user itself. Maps, not objects: `constructor` is a path too. */
const ME_FAMILIES = new Map<string, Family>(Object.entries({
  '': USER, photo: USER, photos: USER, manager: USER, directreports: USER, memberof: USER, transitivememberof: USER, licensedetails: USER,
  messages: MAIL, mailfolders: MAIL, inferenceclassification: MAIL, sendmail: SEND_MAIL,
  mailboxsettings: MAILBOX_SETTINGS, outlook: MAILBOX_SETTINGS,
  events: CALENDARS, calendar: CALENDARS, calendars: CALENDARS, calendarview: CALENDARS, calendargroups: CALENDARS, findmeetingtimes: MEETING_TIMES,
  contacts: CONTACTS, contactfolders: CONTACTS,
  todo: TASKS, planner: PLANNER,
  drive: FILES, drives: FILES, onenote: NOTES, presence: PRESENCE,
  chats: CHATS, joinedteams: TEAMS, people: PEOPLE,
}));

/** Top-level collections (`/v1.0/<name>/…`). */
const ROOT_FAMILIES = new Map<string, Family>(Object.entries({
  drives: FILES, sites: SITES, teams: TEAMS, groups: GROUPS, chats: CHATS, planner: PLANNER,
}));

const READ_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Segments after the version, decoded and lower-cased, for matching only (the request keeps its own spelling). */
function familyOf(segments: string[]): Family | undefined {
  const [first = '', second, third = ''] = segments;
  const name = (segment: string) => segment.split(/[(:]/)[0] ?? '';
  if (first === 'me') return ME_FAMILIES.get(name(second ?? ''));
  if (first === 'users' && second !== undefined) return ME_FAMILIES.get(name(third));
  return ROOT_FAMILIES.get(name(first));
}

/** Permissions any one of which allows the call; undefined when the path is not in the table. */
export function permissionsFor(method: string, segments: string[]): string[] | undefined {
  const family = familyOf(segments);
  if (!family) return undefined;
  if (READ_METHODS.has(method) || (family.postReads && method === 'POST')) return [...family.read, ...family.write];
  return family.write;
}

/** Throws scope_forbidden unless the key's scope list allows the call; a key without a list may call anything. */
export function checkGraphAccess(consumer: Consumer, method: string, segments: string[], displayPath: string): void {
  if (consumer.allowedScopes.length === 0) return;
  const allowed = new Set(consumer.allowedScopes.map((scope) => shortScope(scope).toLowerCase()));
  const needed = permissionsFor(method, segments);
  if (needed === undefined) {
    throw new AppError('scope_forbidden', {
      message: `This consumer key is limited to some permissions, and the add-on cannot tell which permission ${method} ${displayPath} needs.`,
      fix: 'Call a Graph path the add-on knows (mail, calendar, contacts, tasks, files, profile, …) or remove the key’s permission limit.',
      details: { allowed_scopes: consumer.allowedScopes },
    });
  }
  if (!needed.some((scope) => allowed.has(scope.toLowerCase()))) {
    throw new AppError('scope_forbidden', {
      message: `${method} ${displayPath} needs one of ${needed.join(', ') || '(no delegated permission)'}; this consumer key may not use them.`,
      details: { allowed_scopes: consumer.allowedScopes, required_scopes: needed },
    });
  }
}
