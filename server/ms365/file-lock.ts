// The advisory lock the MS365 integrations take on their token file while they refresh it:
// portalocker's exclusive, non-blocking flock(2) on the file (classes/api.py, §3.6, §4.5). Node has
// no flock, so the file is opened here and flock(1) (util-linux, or BusyBox's applet on Alpine) locks
// that same open file description as its fd 3 and exits at once. The lock then lives as long as our
// descriptor: closing it releases the lock. No native module, no helper process left running.
import { spawn } from 'node:child_process';
import { open, type FileHandle } from 'node:fs/promises';
import { AppError } from '../errors/app-error.js';

/** Looked up on PATH: /usr/bin/flock from util-linux on Debian, BusyBox's applet on Alpine. */
export const FLOCK_COMMAND = 'flock';
/** Long enough to outlast one refresh by the integration (it keeps the lock for one token request). */
export const LOCK_WAIT_MS = 10_000;
const RETRY_MS = 100;

export interface HeldLock {
  release(): Promise<void>;
}

/** Runs `flock -x -n 3` on the handle: true when locked, false when someone else holds it. */
function tryLock(handle: FileHandle): Promise<boolean> {
  return new Promise((resolve, reject) => {
    const child = spawn(FLOCK_COMMAND, ['-x', '-n', '3'], { stdio: ['ignore', 'ignore', 'ignore', handle.fd] });
    child.once('error', (error: NodeJS.ErrnoException) => {
      reject(new AppError('ms365_lock_unavailable', { cause: error, details: { reason: error.code ?? 'spawn failed' } }));
    });
    child.once('exit', (code) => resolve(code === 0));
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Takes the exclusive lock on an existing file, waiting up to `waitMs` while another process (the
 * integration refreshing) holds it. Never creates the file: flock(1) given a path would create an
 * empty token file, which the integration would read as signed out.
 */
export async function lockFile(file: string, waitMs = LOCK_WAIT_MS): Promise<HeldLock> {
  return lockHandle(await open(file, 'r'), waitMs);
}

/**
 * Takes the lock on a file already opened (and checked) by the caller. The handle belongs to the lock
 * from here on: releasing the lock, or failing to take it, closes the handle.
 */
export async function lockHandle(handle: FileHandle, waitMs = LOCK_WAIT_MS): Promise<HeldLock> {
  const deadline = Date.now() + waitMs;
  try {
    for (;;) {
      if (await tryLock(handle)) break;
      if (Date.now() >= deadline) throw new AppError('ms365_token_file_locked');
      await sleep(RETRY_MS);
    }
  } catch (error) {
    await handle.close();
    throw error;
  }
  let released = false;
  return {
    release: async () => {
      if (released) return;
      released = true;
      await handle.close();
    },
  };
}
