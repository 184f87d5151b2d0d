// Consumer keys: 256 random bits, shown once, stored only as a SHA-256 hash. A slow password hash
// buys nothing for keys this long and would sit on every API request's path.
import crypto, { createHash, randomBytes } from 'node:crypto';

const KEY_PREFIX = 'm365_';

export interface NewKey {
  key: string;
  hash: string;
  /** The first characters, kept so a user can tell keys apart in lists. */
  prefix: string;
}

// crypto.hash (Node ≥ 20.12) skips the Hash object; it runs on every API request, so it matters.
const oneShot = (crypto as { hash?: (algorithm: string, data: string, encoding: 'base64url') => string }).hash;

export function hashKey(key: string): string {
  return oneShot ? oneShot('sha256', key, 'base64url') : createHash('sha256').update(key, 'utf8').digest('base64url');
}

export function generateKey(): NewKey {
  const key = `${KEY_PREFIX}${randomBytes(32).toString('base64url')}`;
  return { key, hash: hashKey(key), prefix: key.slice(0, KEY_PREFIX.length + 6) };
}

/** The key from `Authorization: Bearer <key>`, or undefined when the header is absent or malformed. */
export function keyFromAuthorization(header: string | undefined): string | undefined {
  const match = header ? /^Bearer\s+(\S{1,200})\s*$/i.exec(header) : null;
  return match?.[1];
}
