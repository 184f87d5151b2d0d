// Checks run as the user types in the guide, with the same wording as the service's error codes,
// so the classic mistakes (Secret ID instead of Value, a name instead of the client ID) stop here.

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const MAX_SECRET_MONTHS = 24;

export const isGuid = (value: string): boolean => GUID.test(value.trim());

/** null when fine (or still empty), else the message to show under the field. */
export function checkClientIdInput(value: string): string | null {
  const trimmed = value.trim();
  if (trimmed === '') return null;
  if (isGuid(trimmed)) return null;
  return 'The client ID is a GUID such as 00000000-0000-0000-0000-000000000000: copy “Application (client) ID” from the app’s Overview page, not its name or the Object ID’s label.';
}

export function checkSecretInput(value: string): string | null {
  const trimmed = value.trim();
  if (trimmed === '') return null;
  if (isGuid(trimmed)) {
    return 'This looks like the Secret ID, not the secret itself. Copy the Value column instead (shown only right after creating the secret); if you can no longer see it, create a new client secret.';
  }
  if (trimmed.length < 16) return 'This is too short for a client secret Value (they are about 40 characters). Copy the whole Value.';
  return null;
}

export function checkTenantInput(value: string): string | null {
  const trimmed = value.trim();
  if (trimmed === '' || isGuid(trimmed)) return null;
  if (/^([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i.test(trimmed)) return null;
  return 'Enter the Directory (tenant) ID from the app’s Overview page (a GUID), or your domain such as contoso.onmicrosoft.com.';
}

/** The last day a new secret may expire on: 24 months from today, as the portal counts. */
export function latestSecretExpiry(now: Date): string {
  const limit = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + MAX_SECRET_MONTHS, now.getUTCDate()));
  return limit.toISOString().slice(0, 10);
}

export function checkExpiryInput(value: string, now: Date): string | null {
  const day = value.trim();
  if (day === '') return null;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day) || Number.isNaN(Date.parse(`${day}T00:00:00Z`))) {
    return 'Enter the date shown in the Expires column, such as 2027-05-31.';
  }
  if (day < now.toISOString().slice(0, 10)) return 'This date is in the past: that secret no longer works. Create a new client secret.';
  if (day > latestSecretExpiry(now)) return 'Client secrets last at most 24 months, so this expiry date cannot be right. Enter the Expires date shown next to the secret.';
  return null;
}
