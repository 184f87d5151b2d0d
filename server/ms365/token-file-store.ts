// Reads and replaces an MS365 token file the way the integration expects a second writer to behave
// (§4.5, §7.4): take its flock, re-read the file under the lock, keep the previous file as
// `<name>.bak` beside it, write a temp file in the same folder, fsync, rename, release. Never deletes
// or truncates a user's file in place; a failure at any step leaves the previous file as it was.
import { chown, mkdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../errors/app-error.js';
import { writeFileAtomic } from '../store/atomic-file.js';
import { lockFile, type HeldLock } from './file-lock.js';

export const BACKUP_SUFFIX = '.bak';
/** A new file holds a refresh token: owner-only. HA Core runs as root and reads it all the same. */
const NEW_FILE_MODE = 0o600;

export type ReadOutcome = { kind: 'missing' } | { kind: 'unreadable'; reason: string } | { kind: 'read'; text: string };

export async function readTokenFile(file: string): Promise<ReadOutcome> {
  try {
    return { kind: 'read', text: await readFile(file, 'utf8') };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    if (code === 'ENOENT') return { kind: 'missing' };
    return { kind: 'unreadable', reason: code };
  }
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
  await mkdir(path.dirname(file), { recursive: true }).catch((error: unknown) => {
    throw unwritable(error);
  });
  // A missing file has no holder to coordinate with, and flock(1) must not create an empty one.
  const lock: HeldLock | null = await lockFile(file).catch((error: unknown) => {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    if (error instanceof AppError) throw error;
    throw unwritable(error);
  });
  try {
    const current = lock ? await readFile(file, 'utf8').catch((error: unknown) => { throw unwritable(error); }) : null;
    const next = await decide(current);
    if (next === null) return { written: false, backup: null };
    const previous = current === null ? null : await stat(file).catch(() => null);
    const mode = previous ? previous.mode & 0o777 : NEW_FILE_MODE;
    let backup: string | null = null;
    try {
      if (current !== null) {
        backup = `${file}${BACKUP_SUFFIX}`;
        await writeFileAtomic(backup, current, { mode });
      }
      await writeFileAtomic(file, next, { mode });
      if (previous) await keepOwner(file, previous.uid, previous.gid);
    } catch (error) {
      throw unwritable(error);
    }
    return { written: true, backup };
  } finally {
    await lock?.release();
  }
}

/** The file replaced by rename belongs to us; give it back to whoever owned the previous one. */
async function keepOwner(file: string, uid: number, gid: number): Promise<void> {
  const now = await stat(file);
  if (now.uid === uid && now.gid === gid) return;
  await chown(file, uid, gid).catch(() => undefined); // best effort: as root this works, otherwise HA reads it as it did before
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
