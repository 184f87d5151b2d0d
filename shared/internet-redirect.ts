// The states of the internet redirect through Home Assistant, and where its public address came
// from. The service decides them (server/ha/internet-redirect.ts); the panel words each one.

export const INTERNET_REDIRECT_STATES = [
  'checking',
  'ready',
  'needs_restart',
  'restarting',
  'no_public_url',
  'disabled',
  'unavailable',
  'page_write_failed',
] as const;
export type InternetRedirectState = (typeof INTERNET_REDIRECT_STATES)[number];

/** The add-on's `public_url` option, HA's external URL, or its Home Assistant Cloud address. */
export const PUBLIC_URL_SOURCES = ['option', 'external', 'cloud'] as const;
export type PublicUrlSource = (typeof PUBLIC_URL_SOURCES)[number];
