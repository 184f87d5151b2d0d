// How an MS365 entry stands, from best to worst. The service decides it (server/ms365/entry-health.ts);
// the panel sorts and colours entries by it.

export const ENTRY_HEALTHS = ['ok', 'attention', 'needs_sign_in', 'not_usable'] as const;
export type EntryHealth = (typeof ENTRY_HEALTHS)[number];
