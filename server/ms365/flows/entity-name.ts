// Checks an entity name before a flow starts. HA itself checks nothing (the name goes straight into
// the token file's path, ms365-config-flow.md trap 6), the integration refuses a name whose token
// file exists (already_configured, trap 5) but not one an entry without a file already uses.
import { access } from 'node:fs/promises';
import { AppError } from '../../errors/app-error.js';
import type { Ms365Domain } from '../domains.js';
import { readMs365Entries } from '../entry-storage.js';
import { tokenFilePath } from '../token-path.js';

/** The integrations' docs: no e-mail address, no spaces; it becomes part of entity ids and the file name. */
const ENTITY_NAME = /^[A-Za-z0-9_-]{1,50}$/;

export function entityNameShapeProblem(name: string): string | null {
  if (ENTITY_NAME.test(name)) return null;
  if (name.trim() === '') return 'The name is empty.';
  if (name.includes('@')) return 'The name looks like an e-mail address; the integration’s documentation asks for a plain name.';
  if (/\s/.test(name)) return 'The name contains a space.';
  if (name.length > 50) return 'The name is longer than 50 characters.';
  return 'The name contains a character other than letters, digits, “_” and “-”.';
}

export async function checkEntityName(haConfigDir: string, domain: Ms365Domain, name: string): Promise<void> {
  const shape = entityNameShapeProblem(name);
  if (shape) throw new AppError('ms365_entity_name_invalid', { message: `${shape} Use only letters, digits, “_” and “-”, at most 50 characters.`, field: 'entity_name' });
  const entries = await readMs365Entries(haConfigDir).catch(() => []);
  // HA lower-cases entity ids, so “Work” and “work” would collide there even with two files.
  if (entries.some((entry) => entry.domain === domain && entry.entityName?.toLowerCase() === name.toLowerCase())) {
    throw new AppError('ms365_entity_name_taken', { field: 'entity_name' });
  }
  const file = tokenFilePath(haConfigDir, domain, name);
  const exists = await access(file).then(() => true, () => false);
  if (exists) {
    throw new AppError('ms365_entity_name_has_token_file', {
      field: 'entity_name',
      message: `A token file for this name already exists (ms365_storage/.MS365-token-cache/${domain}_${name}.token), and the integration refuses a name whose token file exists (“already_configured”).`,
    });
  }
}
