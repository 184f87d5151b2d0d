// The three Microsoft clouds by id. The panel and the wire contract need only the ids; the hosts,
// portals and authorities stay in server/settings/clouds.ts, which re-exports these.

export const CLOUD_IDS = ['global', 'china', 'usgov'] as const;
export type CloudId = (typeof CLOUD_IDS)[number];
