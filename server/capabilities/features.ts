// The features "Check what works" reads, one small Graph read each (ids only, a few items, counted,
// never kept), and the least delegated permission that covers each, as the MS365 integrations ask
// for them (shared/ms365-permissions.ts decides what a granted list covers).
import { isSatisfiedBy } from '../../shared/ms365-permissions.js';

import { FEATURE_IDS, type FeatureId } from '../../shared/capability-features.js';

export { FEATURE_IDS, type FeatureId } from '../../shared/capability-features.js';

export interface Feature {
  id: FeatureId;
  /** The least permission that allows the read; any permission that satisfies it will do. */
  permission: string;
  /** Counted noun for "works": "3 calendars". */
  noun: [singular: string, plural: string] | null;
  /** Teams features do not exist for personal Microsoft accounts. */
  workOnly: boolean;
  /** The relative Graph URL read; `mailbox` only for the shared mailbox feature. */
  path: (mailbox: string | null) => string;
}

const TOP = 50;

export const FEATURES: Record<FeatureId, Feature> = {
  profile: { id: 'profile', permission: 'User.Read', noun: null, workOnly: false, path: () => '/me?$select=id' },
  calendars: { id: 'calendars', permission: 'Calendars.ReadBasic', noun: ['calendar', 'calendars'], workOnly: false, path: () => `/me/calendars?$top=${TOP}&$select=id` },
  shared_calendars: {
    id: 'shared_calendars',
    permission: 'Calendars.Read.Shared',
    noun: ['calendar', 'calendars'],
    workOnly: false,
    path: (mailbox) => `/users/${encodeURIComponent(mailbox ?? '')}/calendars?$top=${TOP}&$select=id`,
  },
  mail_folders: { id: 'mail_folders', permission: 'Mail.ReadBasic', noun: ['mail folder', 'mail folders'], workOnly: false, path: () => `/me/mailFolders?$top=${TOP}&$select=id` },
  todo_lists: { id: 'todo_lists', permission: 'Tasks.Read', noun: ['To Do list', 'To Do lists'], workOnly: false, path: () => `/me/todo/lists?$top=${TOP}&$select=id` },
  contacts: { id: 'contacts', permission: 'Contacts.Read', noun: ['contact', 'contacts'], workOnly: false, path: () => `/me/contacts?$top=${TOP}&$select=id` },
  presence: { id: 'presence', permission: 'Presence.Read', noun: null, workOnly: true, path: () => '/me/presence' },
  chats: { id: 'chats', permission: 'Chat.ReadBasic', noun: ['chat', 'chats'], workOnly: true, path: () => `/me/chats?$top=${TOP}&$select=id` },
};

/** The largest count a read can show: "50 or more". */
export const COUNT_CAP = TOP;

/** True when one of the scopes covers the feature's permission (higher operations and .Shared count). */
export function covers(scopes: readonly string[], feature: FeatureId): boolean {
  const { permission } = FEATURES[feature];
  // Chat.Read and Chat.ReadWrite cover Chat.ReadBasic; Mail.Read covers Mail.ReadBasic (ranked operations).
  return isSatisfiedBy(permission, scopes);
}

/** The features a list of permissions asks for: profile always, shared calendars only with a mailbox. */
export function featuresFor(scopes: readonly string[], sharedMailbox: string | null): FeatureId[] {
  return FEATURE_IDS.filter((id) => {
    if (id === 'profile') return true;
    if (id === 'shared_calendars') return sharedMailbox !== null && covers(scopes, id);
    return covers(scopes, id);
  });
}
