// Whether the add-on can act for an entry: it signs in and refreshes with the entry's own client ID
// and secret (a refresh token is bound to them, §4.5) and writes a file named after the entity name.
// An entry that fails any check is shown with the reason and never touched.
import { AppError } from '../errors/app-error.js';
import { checkTenant, isGuid } from '../registrations/validate.js';
import type { Ms365EntryConfig } from './entry-storage.js';
import { entityNameProblem } from './token-path.js';

export function entryProblem(entry: Ms365EntryConfig): string | null {
  if (!entry.clientId) return 'the entry has no client ID';
  if (!isGuid(entry.clientId)) return 'the entry’s client ID is not a GUID';
  if (!entry.clientSecret) return 'the entry has no client secret';
  if (isGuid(entry.clientSecret)) return 'the entry’s client secret is a Secret ID, not the secret’s Value';
  if (!entry.cloud) return `the entry’s API country “${entry.country}” is not one the add-on knows`;
  try {
    checkTenant(entry.tenant);
  } catch {
    return `the entry’s tenant “${entry.tenant}” is not a tenant ID, a domain or common`;
  }
  return entityNameProblem(entry.entityName);
}

/** Throws `ms365_entry_not_usable` (with the reason) unless the add-on may act for the entry. */
export function assertUsable(entry: Ms365EntryConfig): asserts entry is Ms365EntryConfig & { clientId: string; clientSecret: string; cloud: NonNullable<Ms365EntryConfig['cloud']>; entityName: string } {
  const problem = entryProblem(entry);
  if (problem) throw new AppError('ms365_entry_not_usable', { message: `The add-on leaves this entry alone: ${problem}.`, details: { reason: problem } });
}
