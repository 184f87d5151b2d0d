// Replaces a file so that a crash at any moment leaves either the old or the new content, never a mix.
// It must never write to the target path directly, and never leave its temp file behind on a failure it saw.
import { randomBytes } from 'node:crypto';
import fsp, { type FileHandle } from 'node:fs/promises'; // default import on purpose: calls go through the shared module object
import { basename, dirname, join } from 'node:path';

export interface WriteFileAtomicOptions {
  /** Exact permission bits for the file; applied with chmod too, so the umask cannot widen or narrow them. */
  mode?: number;
  /**
   * Owner for the new file, set on the temp file's handle before the rename (best effort: only root
   * may give a file away). Never by path afterwards, where a link put in its place would be followed.
   */
  owner?: { uid: number; gid: number };
}

export function tempPrefix(baseName: string): string {
  return `.${baseName}.tmp-`;
}

export async function writeFileAtomic(
  path: string,
  data: Buffer | string,
  options: WriteFileAtomicOptions = {},
): Promise<void> {
  const mode = options.mode ?? 0o600;
  const dir = dirname(path);
  const temp = join(dir, `${tempPrefix(basename(path))}${process.pid}-${randomBytes(6).toString('hex')}`);
  // 'wx': a name collision must fail rather than truncate a file someone else is writing.
  const handle = await fsp.open(temp, 'wx', mode);
  try {
    try {
      await handle.chmod(mode);
      if (options.owner) await handle.chown(options.owner.uid, options.owner.gid).catch(() => undefined);
      await handle.writeFile(data);
      // Without this, the rename below can reach the disk before the data does and a power cut leaves an empty file.
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fsp.rename(temp, path);
  } catch (error) {
    await fsp.rm(temp, { force: true }).catch(() => undefined);
    throw error;
  }
  await syncDir(dir);
}

// Makes the rename itself durable. Best effort by design: once the rename happened the new content is what
// every reader sees, so reporting a failure here would make callers believe the old content is still current.
async function syncDir(dir: string): Promise<void> {
  let handle: FileHandle | undefined;
  try {
    handle = await fsp.open(dir, 'r');
    await handle.sync();
  } catch {
    // Some file systems cannot fsync a directory (EINVAL/EISDIR); nothing better can be done there.
  } finally {
    await handle?.close().catch(() => undefined);
  }
}

/** Deletes temp files a crashed writer left next to `baseName`; returns the names it removed. */
export async function removeStaleTempFiles(dir: string, baseName: string): Promise<string[]> {
  const prefix = tempPrefix(baseName);
  let names: string[];
  try {
    names = await fsp.readdir(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const stale = names.filter((name) => name.startsWith(prefix));
  for (const name of stale) await fsp.rm(join(dir, name), { force: true });
  return stale;
}
