// Folders the add-on writes into inside HA's config folder, which other add-ons (Samba, SSH, File
// editor) can write to as well: a link put in place of one of them must be refused, never followed,
// or the add-on would write (and read back) wherever it points.
import type { Stats } from 'node:fs';
import { lstat, mkdir, realpath } from 'node:fs/promises';
import path from 'node:path';
import type { AppError } from '../errors/app-error.js';

/** What stands at a path, in words the error message can use. */
export function describeFound(stats: Stats): string {
  if (stats.isSymbolicLink()) return 'a symbolic link';
  if (stats.isDirectory()) return 'a folder';
  if (stats.isFIFO()) return 'a named pipe';
  if (stats.isSocket()) return 'a socket';
  if (stats.isBlockDevice() || stats.isCharacterDevice()) return 'a device';
  if (stats.isFile()) return 'a file';
  return 'not a file';
}

/**
 * Checks that each folder of `parts` below `base` is a plain folder (no link) and that the last one
 * really is <realpath(base)>/<parts>; with `create`, makes the missing ones one at a time, so mkdir
 * never walks through a link. Returns false when a folder is missing and was not to be created.
 * `refuse` builds the error for a part (relative to base) that is something else.
 */
export async function checkPlainFolders(base: string, parts: readonly string[], create: boolean, refuse: (part: string, found: string) => AppError): Promise<boolean> {
  let current = base;
  for (const part of parts) {
    current = path.join(current, part);
    const relative = path.relative(base, current);
    const stats = await lstat(current).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return null;
      throw error;
    });
    if (stats === null) {
      if (!create) return false;
      await mkdir(current, { mode: 0o755 }).catch((error: NodeJS.ErrnoException) => {
        if (error.code !== 'EEXIST') throw error; // a racing creator is fine: the check below runs again
      });
      const made = await lstat(current);
      if (!made.isDirectory()) throw refuse(relative, describeFound(made));
      continue;
    }
    if (!stats.isDirectory()) throw refuse(relative, describeFound(stats));
  }
  // The base itself may be reached through links (a mount, /config -> /homeassistant); below it,
  // nothing may lead elsewhere.
  if ((await realpath(current)) !== path.join(await realpath(base), ...parts)) throw refuse(path.join(...parts), 'a way to another folder');
  return true;
}

