// Where an entry's token file lives: <HA config>/ms365_storage/.MS365-token-cache/<domain>_<entity_name>.token
// (const.py TOKEN_FILENAME "{0}{1}.token" with "_<entity_name>"). Refuses any name that could make
// the path leave the token folder: entity names are free text typed into the config flow.
import path from 'node:path';
import { AppError } from '../errors/app-error.js';
import { TOKEN_FOLDER, type Ms365Domain } from './domains.js';

/** Leaves room for the domain prefix, `.token` and our `.bak`/temp suffixes within NAME_MAX (255). */
const MAX_ENTITY_NAME = 150;
// Separators, NUL and control characters can never be part of a file name we write.
const FORBIDDEN = /[/\\\u0000-\u001f\u007f]/;

export function tokenFolder(haConfigDir: string): string {
  return path.resolve(haConfigDir, ...TOKEN_FOLDER);
}

export function tokenFileName(domain: Ms365Domain, entityName: string): string {
  return `${domain}_${entityName}.token`;
}

/** Why this entity name cannot name a token file, or null when it can. */
export function entityNameProblem(entityName: string | null): string | null {
  if (entityName === null || entityName === '') return 'the entry has no entity name';
  if (entityName !== entityName.trim()) return 'the entity name starts or ends with a space';
  if (entityName.length > MAX_ENTITY_NAME) return `the entity name is longer than ${MAX_ENTITY_NAME} characters`;
  if (FORBIDDEN.test(entityName)) return 'the entity name contains a slash, a backslash or a control character';
  return null;
}

/** The token file's absolute path; AppError when the name is unusable or the path would escape. */
export function tokenFilePath(haConfigDir: string, domain: Ms365Domain, entityName: string | null): string {
  const problem = entityNameProblem(entityName);
  if (problem) throw new AppError('ms365_invalid_entity_name', { message: `This entry’s token file cannot be written: ${problem}.`, details: { reason: problem } });
  const folder = tokenFolder(haConfigDir);
  const file = path.resolve(folder, tokenFileName(domain, entityName!));
  // Belt and braces: with separators refused above this holds, and it must keep holding if that rule changes.
  if (path.dirname(file) !== folder) throw new AppError('ms365_token_path_escape');
  return file;
}
