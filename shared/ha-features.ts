// The Home Assistant features the add-on tracks one by one, and why a call to HA can fail. The
// service records them, the wire carries them and the panel explains each: one list for all three.

export const HA_FEATURES = ['addon_info', 'ha_urls', 'admin_check', 'notifications', 'restart'] as const;
export type HaFeatureId = (typeof HA_FEATURES)[number];

export const HA_FAILURE_REASONS = ['timeout', 'unreachable', 'unauthorized', 'forbidden', 'http_error', 'bad_response', 'command_failed'] as const;
export type HaFailureReason = (typeof HA_FAILURE_REASONS)[number];
