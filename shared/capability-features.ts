// The features "Check what works" reports on, by id. The Graph reads and permissions behind each one
// are server/capabilities/features.ts; the wire contract and the panel need only the ids.

export const FEATURE_IDS = ['profile', 'calendars', 'shared_calendars', 'mail_folders', 'todo_lists', 'contacts', 'presence', 'chats'] as const;
export type FeatureId = (typeof FEATURE_IDS)[number];
