// Random identifiers and the encodings Microsoft uses for them (GUIDs, base64url, its timestamps).
import { randomBytes, randomUUID } from 'node:crypto';

export const guid = (): string => randomUUID();

/** URL-safe random text, the alphabet Microsoft's codes and tokens are drawn from. */
export function randomText(bytes: number): string {
  return randomBytes(bytes).toString('base64url');
}

export function base64UrlJson(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

export function hex(bytes: number): string {
  return randomBytes(bytes).toString('hex');
}

/** `2023-05-06 06:03:00Z`: the form in error descriptions and the `timestamp` field. */
export function msTimestamp(ms: number): string {
  return new Date(ms).toISOString().replace('T', ' ').replace(/\.\d{3}Z$/, 'Z');
}

export const epochSeconds = (ms: number): number => Math.floor(ms / 1000);

export const GUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * .NET `HttpUtility.UrlEncode`, which Microsoft's redirects use: `+` for spaces, lower-case hex,
 * and only letters, digits and `-_.!*()` left bare (so `AADSTS65004%3a+User+declined...`).
 */
export function msUrlEncode(value: string): string {
  let out = '';
  for (const byte of Buffer.from(value, 'utf8')) {
    const ch = String.fromCharCode(byte);
    if (/[A-Za-z0-9\-_.!*()]/.test(ch)) out += ch;
    else if (ch === ' ') out += '+';
    else out += `%${byte.toString(16).padStart(2, '0')}`;
  }
  return out;
}
