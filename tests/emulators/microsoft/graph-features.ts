// The small Graph reads "Check what works" makes, answered as pure values so both a plain request and
// a $batch entry can use them. Each refusal is written from Graph's documentation or reports:
// - 403 ErrorAccessDenied for Outlook data (mail, calendars, contacts, To Do) without the permission,
//   403 Authorization_RequestDenied for directory data (/me): Graph's error-codes page and the
//   existing /me behaviour in graph.ts.
// - Another user's calendars without sharing or delegation: 403 ErrorAccessDenied "Access is denied.
//   Check credentials and try again." (martin-machacek.com, "Access shared calendar with the Graph
//   API"; learn.microsoft.com/graph/outlook-get-shared-events-calendars needs Calendars.Read.Shared
//   and a share); an address that is no user: 404 ErrorInvalidUser.
// - Personal accounts: presence is "Not supported" for personal Microsoft accounts (presence-get
//   permissions table); Graph Explorer answered 400 Bad Request for one (microsoft-graph-explorer-v4
//   #2838). /me/chats answers 403 with "No authorization information present on the request."
//   (RogerSelwyn/O365-HomeAssistant#260, AceDataCloud/Skills#444).
// - Teams data without the permission: 403 Forbidden (Teams APIs use the code `Forbidden`).
// - A user without To Do provisioned (`todo: false`): 404 as Graph answers for a mailbox the service
//   has not set up, MailboxNotEnabledForRESTAPI (Graph's Outlook error codes).
import { graphOriginOf } from './clouds.js';
import { meResource } from './graph-data.js';
import type { AccessRecord, User } from './model.js';

export interface GraphAnswer {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

export interface ReadCaller {
  record: AccessRecord;
  user: User;
  findUser: (username: string) => User | undefined;
}

type ErrorFn = (status: number, code: string, message: string) => GraphAnswer;

/** Sample content: tests grep logs for these subjects and names to prove none is logged. */
export const SAMPLE_CALENDARS = [{ id: 'AAMkCal1=', name: 'Calendar' }, { id: 'AAMkCal2=', name: 'Birthdays' }, { id: 'AAMkCal3=', name: 'Emulator holidays' }];
export const SAMPLE_MAIL_FOLDERS = ['Inbox', 'Drafts', 'Sent Items', 'Deleted Items', 'Archive', 'Junk Email'].map((displayName, i) => ({ id: `AAMkFolder${i}=`, displayName }));
export const SAMPLE_TODO_LISTS = [{ id: 'AAMkTodo1=', displayName: 'Tasks' }, { id: 'AAMkTodo2=', displayName: 'Secret shopping list' }];
export const SAMPLE_CONTACTS = [{ id: 'AAMkContact1=', displayName: 'Alex Wilber' }, { id: 'AAMkContact2=', displayName: 'Diego Siciliani' }];
export const SAMPLE_CHATS = [{ id: '19:emulator-chat-1@thread.v2', topic: 'Quarterly secrets' }];

interface ReadRoute {
  pattern: RegExp;
  scopes: string[];
  denied: (error: ErrorFn) => GraphAnswer;
  personal?: (error: ErrorFn) => GraphAnswer;
  run: (caller: ReadCaller, query: URLSearchParams, match: RegExpExecArray, error: ErrorFn) => GraphAnswer;
}

const outlookDenied = (error: ErrorFn) => error(403, 'ErrorAccessDenied', 'Access is denied. Check credentials and try again.');
const teamsDenied = (error: ErrorFn) => error(403, 'Forbidden', 'Forbidden');

function collection(caller: ReadCaller, context: string, items: Array<Record<string, unknown>>, query: URLSearchParams): GraphAnswer {
  const top = Number(query.get('$top'));
  const select = (query.get('$select') ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  const limited = items.slice(0, Number.isInteger(top) && top > 0 ? top : 10);
  const value = select.length ? limited.map((item) => Object.fromEntries(Object.entries(item).filter(([k]) => select.includes(k)))) : limited;
  return { status: 200, body: { '@odata.context': `${graphOriginOf(caller.record.cloud)}/v1.0/$metadata#${context}`, value } };
}

const CAL = ['calendars.readbasic', 'calendars.read', 'calendars.readwrite', 'calendars.read.shared', 'calendars.readwrite.shared'];

const ROUTES: ReadRoute[] = [
  {
    pattern: /^me$/,
    scopes: ['user.read', 'user.readwrite', 'user.readbasic.all', 'user.read.all', 'user.readwrite.all', 'directory.read.all'],
    denied: (error) => error(403, 'Authorization_RequestDenied', 'Insufficient privileges to complete the operation.'),
    run: (caller, query) => ({ status: 200, body: meResource(caller.user, caller.record.cloud, query.get('$select')) }),
  },
  { pattern: /^me\/calendars$/, scopes: CAL, denied: outlookDenied, run: (c, q) => collection(c, "users('me')/calendars", SAMPLE_CALENDARS, q) },
  {
    pattern: /^users\/([^/]+)\/calendars$/,
    scopes: CAL,
    denied: outlookDenied,
    run: (caller, query, match, error) => {
      const mailbox = decodeURIComponent(match[1] ?? '').toLowerCase();
      if (mailbox === caller.user.username.toLowerCase()) return collection(caller, `users('${mailbox}')/calendars`, SAMPLE_CALENDARS, query);
      if (!caller.record.scopes.some((s) => s.endsWith('.shared'))) return outlookDenied(error);
      const owner = caller.findUser(mailbox);
      if (!owner) return error(404, 'ErrorInvalidUser', `The requested user '${mailbox}' is invalid.`);
      if (!(owner.sharedWith ?? []).includes(caller.user.username.toLowerCase())) return outlookDenied(error);
      return collection(caller, `users('${mailbox}')/calendars`, SAMPLE_CALENDARS.slice(0, 1), query);
    },
  },
  {
    pattern: /^me\/mailfolders$/,
    scopes: ['mail.readbasic', 'mail.read', 'mail.readwrite', 'mail.read.shared', 'mail.readwrite.shared'],
    denied: outlookDenied,
    run: (c, q) => collection(c, "users('me')/mailFolders", SAMPLE_MAIL_FOLDERS, q),
  },
  {
    pattern: /^me\/todo\/lists$/,
    scopes: ['tasks.read', 'tasks.readwrite'],
    denied: outlookDenied,
    run: (c, q, _m, error) => (c.user.todo === false
      ? error(404, 'MailboxNotEnabledForRESTAPI', 'The mailbox is either inactive, soft-deleted, or is hosted on-premise.')
      : collection(c, "users('me')/todo/lists", SAMPLE_TODO_LISTS, q)),
  },
  {
    pattern: /^me\/contacts$/,
    scopes: ['contacts.read', 'contacts.readwrite', 'contacts.read.shared', 'contacts.readwrite.shared'],
    denied: outlookDenied,
    run: (c, q) => collection(c, "users('me')/contacts", SAMPLE_CONTACTS, q),
  },
  {
    pattern: /^me\/presence$/,
    scopes: ['presence.read', 'presence.read.all', 'presence.readwrite'],
    denied: teamsDenied,
    personal: (error) => error(400, 'BadRequest', 'Bad Request'),
    run: (c) => ({ status: 200, body: { '@odata.context': `${graphOriginOf(c.record.cloud)}/v1.0/$metadata#users('me')/presence/$entity`, id: c.user.oid, availability: 'Available', activity: 'Available' } }),
  },
  {
    pattern: /^me\/chats$/,
    scopes: ['chat.readbasic', 'chat.read', 'chat.readwrite'],
    denied: teamsDenied,
    personal: (error) => error(403, 'Forbidden', 'No authorization information present on the request.'),
    run: (c, q) => collection(c, "chats", SAMPLE_CHATS, q),
  },
];

/** The answer to a GET of `path` (lower-cased, without version) or undefined when no read route matches. */
export function answerRead(caller: ReadCaller, path: string, query: URLSearchParams, error: ErrorFn): GraphAnswer | undefined {
  for (const route of ROUTES) {
    const match = route.pattern.exec(path);
    if (!match) continue;
    if (caller.user.personal && route.personal) return route.personal(error);
    if (!route.scopes.some((s) => caller.record.scopes.includes(s))) return route.denied(error);
    return route.run(caller, query, match, error);
  }
  return undefined;
}

export function isReadPath(path: string): boolean {
  return ROUTES.some((route) => route.pattern.test(path));
}
