// Opens an MS365 token file without ever following a link. HA's config folder is writable by other
// add-ons (Samba, SSH, File editor): whoever can write there could put a symbolic link where a token
// file is expected, pointing at the add-on's own key or at another user's file. Following it would
// copy that file into the `.bak` beside the token, or give the new token file the target's mode and
// owner. So the folder must really be <config>/ms365_storage/.MS365-token-cache (no link on the
// way), the file is opened with O_NOFOLLOW and checked through its own handle, and everything read,
// locked, backed up or copied (mode, owner) comes from that handle, never from the path again.
import { constants, type Stats } from 'node:fs';
import { open, readlink, realpath, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../errors/app-error.js';
import { checkPlainFolders, describeFound } from '../store/plain-folders.js';
import { TOKEN_FOLDER } from './domains.js';

export interface OpenedTokenFile {
  handle: FileHandle;
  /** From fstat on the handle: the regular file that was opened, not whatever the path names now. */
  stats: Stats;
}

function notRegular(file: string, found: string, cause?: unknown): AppError {
  return new AppError('ms365_token_file_not_regular', {
    message: `The token file ${path.basename(file)} is ${found}, not a plain file, so the add-on left it alone and wrote nothing. It never follows links in the token folder.`,
    details: { file: path.basename(file), found },
    cause,
  });
}

function folderRedirected(part: string, found: string): AppError {
  return new AppError('ms365_token_folder_redirected', {
    message: `${part} in Home Assistant’s config folder is ${found}, not a plain folder, so the add-on wrote nothing there. It keeps token files only inside the config folder itself.`,
    details: { folder: part, found },
  });
}

/** The config folder a token folder belongs to: <config>/ms365_storage/.MS365-token-cache. */
function configDirOf(folder: string): string {
  return path.resolve(folder, ...TOKEN_FOLDER.map(() => '..'));
}

/** The token folder (<config>/ms365_storage/.MS365-token-cache) checked as checkPlainFolders does. */
export function checkTokenFolder(folder: string, create: boolean): Promise<boolean> {
  return checkPlainFolders(configDirOf(folder), TOKEN_FOLDER, create, folderRedirected);
}

/**
 * Opens the token file for reading and locking; null when it does not exist. A link, a folder, a pipe
 * or a device is refused with ms365_token_file_not_regular (409) saying what was found.
 */
export async function openTokenFile(file: string): Promise<OpenedTokenFile | null> {
  if (!(await checkTokenFolder(path.dirname(file), false))) return null;
  let handle: FileHandle;
  try {
    // O_NONBLOCK: opening a named pipe must not wait for a writer; it is refused below.
    handle = await open(file, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return null;
    if (code === 'ELOOP') throw notRegular(file, 'a symbolic link', error);
    throw error;
  }
  try {
    const stats = await handle.stat();
    if (!stats.isFile()) throw notRegular(file, describeFound(stats));
    await assertOpenedInFolder(handle, file);
    return { handle, stats };
  } catch (error) {
    await handle.close().catch(() => undefined);
    throw error;
  }
}

/**
 * Where the kernel says the handle really is. The folder was checked before the open; this closes the
 * window in which the folder could have been swapped for a link. /proc is Linux's, as is the add-on's
 * container; elsewhere the earlier checks stand alone.
 */
async function assertOpenedInFolder(handle: FileHandle, file: string): Promise<void> {
  const opened = await readlink(`/proc/self/fd/${handle.fd}`).catch(() => null);
  if (opened === null) return;
  // Built from the config folder, not from the token folder's own realpath: a folder swapped for a
  // link before the open would resolve to wherever the handle is, and match.
  const expected = path.join(await realpath(configDirOf(path.dirname(file))), ...TOKEN_FOLDER, path.basename(file));
  if (opened !== expected) throw folderRedirected(path.join(...TOKEN_FOLDER), 'a way to another folder');
}

/** Reads the whole file through its handle (freshly opened, so from the start). */
export async function readOpened(opened: OpenedTokenFile): Promise<string> {
  return opened.handle.readFile('utf8');
}
