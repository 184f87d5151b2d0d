// Which public address Microsoft should redirect to: HA's own, as HA reports it. Entra accepts only
// https redirect URIs, except http://localhost (a browser on the HA machine itself).
import type { PublicUrlSource } from '../../shared/internet-redirect.js';
import type { HaUrls } from './core-api.js';

export type { PublicUrlSource };

export type PublicUrlChoice =
  | { ok: true; origin: string; source: PublicUrlSource }
  | { ok: false; reason: 'none' | 'not_https'; seen: string | null };

export function isRedirectOrigin(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || (url.protocol === 'http:' && url.hostname === 'localhost');
  } catch {
    return false;
  }
}

/** The add-on option wins; then HA's external URL; then the Nabu Casa cloud URL. */
export function choosePublicUrl(option: string | undefined, urls: HaUrls | null): PublicUrlChoice {
  const candidates: Array<[PublicUrlSource, string | null | undefined]> = [
    ['option', option],
    ['external', urls?.external],
    ['cloud', urls?.cloud],
  ];
  let seen: string | null = null;
  for (const [source, value] of candidates) {
    if (!value) continue;
    if (isRedirectOrigin(value)) return { ok: true, origin: new URL(value).origin, source };
    seen ??= value;
  }
  return seen ? { ok: false, reason: 'not_https', seen } : { ok: false, reason: 'none', seen: null };
}
