// Checks what a user typed for an app registration, catching the classic mistakes (the Secret ID
// pasted instead of the Value, a display name in the client ID field) before they cost a sign-in.
import { AppError } from '../errors/app-error.js';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DOMAIN = /^(?=.{4,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i;
const NAMED_TENANTS = new Set(['common', 'organizations', 'consumers']);
const MAX_SECRET_MONTHS = 24;

export const isGuid = (value: string): boolean => GUID.test(value.trim());

export function checkClientId(value: string): string {
  const trimmed = value.trim();
  if (!isGuid(trimmed)) throw new AppError('invalid_client_id', { field: 'client_id' });
  return trimmed.toLowerCase();
}

export function checkClientSecret(value: string): string {
  const trimmed = value.trim();
  if (trimmed === '') throw new AppError('secret_empty', { field: 'client_secret' });
  if (isGuid(trimmed)) throw new AppError('secret_is_secret_id', { field: 'client_secret' });
  return trimmed;
}

export function checkTenant(value: string): string {
  const trimmed = value.trim().toLowerCase();
  if (NAMED_TENANTS.has(trimmed) || isGuid(trimmed) || DOMAIN.test(trimmed)) return trimmed;
  throw new AppError('invalid_tenant', { field: 'tenant' });
}

/** Expiry as YYYY-MM-DD: not in the past (the secret would not work) and at most 24 months ahead. */
export function checkSecretExpiry(value: string | null | undefined, now: Date): string | null {
  if (value === null || value === undefined || value.trim() === '') return null;
  const day = value.trim().slice(0, 10);
  const parsed = new Date(`${day}T23:59:59Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day) || Number.isNaN(parsed.getTime())) {
    throw new AppError('validation_failed', {
      field: 'secret_expires_on',
      message: 'The secret expiry date must be a date such as 2027-05-31.',
      fix: 'Enter the Expires date shown next to the secret in Certificates & secrets.',
    });
  }
  if (parsed.getTime() < now.getTime()) throw new AppError('secret_expiry_past', { field: 'secret_expires_on' });
  const limit = new Date(now);
  limit.setUTCMonth(limit.getUTCMonth() + MAX_SECRET_MONTHS);
  limit.setUTCDate(limit.getUTCDate() + 1); // the portal's "24 months" ends on the same calendar day
  if (parsed.getTime() > limit.getTime()) throw new AppError('secret_expiry_too_far', { field: 'secret_expires_on' });
  return day;
}

/** Public redirect URIs must be https (Microsoft allows http only for localhost). */
export function checkPublicRedirectUri(value: string): string {
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    throw invalidRedirect();
  }
  const isLocal = url.hostname === 'localhost';
  if (url.protocol !== 'https:' && !(isLocal && url.protocol === 'http:')) throw invalidRedirect();
  if (url.search || url.hash || url.href.length > 256) throw invalidRedirect();
  return url.href;
}

function invalidRedirect(): AppError {
  return new AppError('validation_failed', {
    field: 'redirect_uri',
    message: 'The redirect URI must be a public https address without a query string, at most 256 characters.',
    fix: 'Use the https address of your Home Assistant (or of a proxy that reaches this add-on), as registered under Authentication → Web.',
  });
}

// http://localhost, a port, and at most a bare "/": the only shapes the localhost paste-back uses.
const LOCALHOST_ADDRESS = /^http:\/\/localhost(?::([1-9]\d{0,4}))?\/?$/;

/**
 * The localhost paste-back's redirect URI, kept exactly as typed (Entra matches the path, trailing
 * slash included, character for character; only a localhost port is ignored: reply-url.md,
 * "Localhost exceptions"). Null means the default, plain `http://localhost`.
 */
export function checkLocalhostRedirectUri(value: string): string | null {
  const text = value.trim();
  if (text === '') return null;
  const match = LOCALHOST_ADDRESS.exec(text.toLowerCase());
  const port = match?.[1] === undefined ? undefined : Number(match[1]);
  if (!match || (port !== undefined && port > 65535)) {
    throw new AppError('validation_failed', {
      field: 'localhost_redirect_uri',
      message: 'The localhost redirect URI must be http://localhost or http://localhost:<port>, with no path and no query string.',
      fix: 'Enter it exactly as registered under Authentication → Web, for example http://localhost or http://localhost:8400, or leave it empty.',
    });
  }
  return text.toLowerCase();
}

/** The last three characters, for "which secret is this?" without revealing it. */
export function maskSecret(secret: string): string {
  return `••••••••${secret.slice(-3)}`;
}
