// The two kinds of consumer key. `full`: no permission list, gets raw tokens. `limited`: held to its
// permission list through the Graph pass-through (server/consumers/key-kind.ts). The panel explains both.

export const KEY_KINDS = ['full', 'limited'] as const;
export type KeyKind = (typeof KEY_KINDS)[number];
