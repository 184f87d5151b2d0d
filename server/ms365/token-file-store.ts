// Reads and replaces an MS365 token file the way the integration expects a second writer to behave
// (§4.5, §7.4): take its flock, re-read the file under the lock, keep the previous file as
// `<name>.bak` beside it, write a temp file in the same folder, fsync, rename, release. Never deletes
// or truncates a user's file in place; a failure at any step leaves the previous file as it was.
// Links and other non-files in the token folder are refused, never followed (token-file-open.ts).
import path from 'node:path';
import { AppError } from '../errors/app-error.js';
import { writeFileAtomic } from '../store/atomic-file.js';
import { lockHandle, type HeldLock } from './file-lock.js';
import { checkTokenFolder, openTokenFile, readOpened, type OpenedTokenFile } from './token-file-open.js';

export const BACKUP_SUFFIX = '.bak';
/** A new file holds a refresh token: owner-only. HA Core runs as root and reads it all the same. */
const NEW_FILE_MODE = 0o600;

export type ReadOutcome =
  | { kind: 'missing' }
  | { kind: 'unreadable'; reason: string }
  /** A link, a folder, a pipe…: refused, never followed; `error` says what was found. */
  | { kind: 'refused'; error: AppError }
  | { kind: 'read'; text: string };

export async function readTokenFile(file: string): Promise<ReadOutcome> {
  let opened: OpenedTokenFile | null = null;
  try {
    opened = await openTokenFile(file);
    if (opened === null) return { kind: 'missing' };
    return { kind: 'read', text: await readOpened(opened) };
  } catch (error) {
    if (error instanceof AppError) return { kind: 'refused', error };
    return { kind: 'unreadable', reason: (error as NodeJS.ErrnoException).code ?? 'error' };
  } finally {
    await opened?.handle.close().catch(() => undefined);
  }
}

/** The token file's text, or null when there is none; a link or other non-file is a 409. */
export async function readTokenFileOrThrow(file: string): Promise<string | null> {
  const read = await readTokenFile(file);
  if (read.kind === 'refused') throw read.error;
  return read.kind === 'read' ? read.text : null;
}

export interface WriteResult {
  written: boolean;
  /** The backup of the file this write replaced, when there was one. */
  backup: string | null;
}

/**
 * Decides the new content from the file as it is under the lock (null: missing). `decide` returning
 * null writes nothing (for example, the integration refreshed while we waited for the lock).
 */
export async function replaceTokenFile(file: string, decide: (current: string | null) => Promise<string | null>): Promise<WriteResult> {
  await checkTokenFolder(path.dirname(file), true).catch((error: unknown) => {
    throw unwritable(error);
  });
  // A missing file has no holder to coordinate with, and flock(1) must not create an empty one.
  const opened = await openTokenFile(file).catch((error: unknown) => {
    throw unwritable(error);
  });
  const lock: HeldLock | null = opened ? await lockHandle(opened.handle).catch((error: unknown) => { throw unwritable(error); }) : null;
  try {
    const current = opened ? await readOpened(opened).catch((error: unknown) => { throw unwritable(error); }) : null;
    const next = await decide(current);
    if (next === null) return { written: false, backup: null };
    // Mode and owner of the regular file that was read, from its own handle: a new file is owner-only.
    const mode = opened ? opened.stats.mode & 0o777 : NEW_FILE_MODE;
    const owner = opened ? { uid: opened.stats.uid, gid: opened.stats.gid } : undefined;
    let backup: string | null = null;
    try {
      if (current !== null) {
        // rename() replaces whatever has the backup's name (a link included) and never writes through it.
        backup = `${file}${BACKUP_SUFFIX}`;
        await writeFileAtomic(backup, current, { mode, ...(owner ? { owner } : {}) });
      }
      await writeFileAtomic(file, next, { mode, ...(owner ? { owner } : {}) });
    } catch (error) {
      throw unwritable(error);
    }
    return { written: true, backup };
  } finally {
    await lock?.release();
  }
}

function unwritable(error: unknown): AppError {
  if (error instanceof AppError) return error;
  const reason = (error as NodeJS.ErrnoException).code ?? 'error';
  return new AppError('ms365_token_file_unwritable', {
    message: `The token file could not be written (${reason}); the previous file is unchanged.`,
    details: { reason },
    cause: error,
  });
}
