// Writes the bounce page and its script into <HA config>/www/<folder>/, atomically, and reports
// whether `www` existed before: HA registers /local/ only if `www` exists when Core starts.
import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { access, lstat, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../errors/app-error.js';
import { checkPlainFolders } from '../store/plain-folders.js';
import { BOUNCE_FOLDER, BOUNCE_PAGE, BOUNCE_SCRIPT, BOUNCE_SCRIPT_SOURCE, renderBouncePage } from './bounce-page.js';

export interface BouncePageWrite {
  /** False when this call created `www`: HA will not serve /local/ until Core restarts. */
  wwwExisted: boolean;
  /** Whether any file changed (first write, new ingress path, new script). */
  changed: boolean;
  folder: string;
}

async function exists(target: string): Promise<boolean> {
  try {
    await access(target, constants.F_OK);
    return true;
  } catch {
    return false;
  }
}

/** Replaces the file only when its content differs, through a temporary file and a rename. */
async function writeIfChanged(file: string, content: string): Promise<boolean> {
  // A link in the file's place is replaced by the rename below, never read or written through.
  const isLink = await lstat(file).then((stats) => stats.isSymbolicLink(), () => false);
  const current = isLink ? null : await readFile(file, 'utf8').catch(() => null);
  if (current === content) return false;
  const temp = `${file}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    // HA reads these as another user: world-readable, like anything else under www.
    await writeFile(temp, content, { mode: 0o644, flag: 'wx' });
    await rename(temp, file);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
  return true;
}

export async function writeBouncePage(haConfigDir: string, ingressPath: string): Promise<BouncePageWrite> {
  const www = path.join(haConfigDir, 'www');
  const folder = path.join(www, BOUNCE_FOLDER);
  const wwwExisted = await exists(www);
  // Other add-ons can write to the config folder: a link in place of www or of our folder would make
  // the add-on write its pages wherever it points. Refused, never followed.
  await checkPlainFolders(haConfigDir, ['www', BOUNCE_FOLDER], true, (part, found) => new AppError('ha_www_folder_redirected', {
    message: `${part} in Home Assistant’s config folder is ${found}, not a plain folder, so the add-on did not write its redirect page there.`,
    details: { folder: part, found },
  }));
  const page = await writeIfChanged(path.join(folder, BOUNCE_PAGE), renderBouncePage(`${ingressPath}/auth/callback`));
  const script = await writeIfChanged(path.join(folder, BOUNCE_SCRIPT), BOUNCE_SCRIPT_SOURCE);
  return { wwwExisted, changed: page || script, folder };
}
