// Runs tests/python/ms365_reader.py with Debian's interpreter (where python3-msal is installed, not
// necessarily the python3 first on PATH) and returns its one JSON answer.
import { execFile, spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const PYTHON = process.env.M365_TEST_PYTHON ?? '/usr/bin/python3';
const SCRIPT = path.join(path.dirname(fileURLToPath(import.meta.url)), 'ms365_reader.py');

export interface ReaderOptions {
  cacheFile?: string;
  flowFile?: string;
  clientId?: string;
  clientSecret?: string;
  loginHost?: string;
  tenant?: string;
  emulator?: string;
  scopes?: string[];
  redirectUri?: string;
  responseUrl?: string;
  graphPrefix?: string;
  required?: string[];
  forceRefresh?: boolean;
  writeBack?: boolean;
}

const FLAGS: Array<[keyof ReaderOptions, string]> = [
  ['cacheFile', '--cache-file'],
  ['flowFile', '--flow-file'],
  ['clientId', '--client-id'],
  ['clientSecret', '--client-secret'],
  ['loginHost', '--login-host'],
  ['tenant', '--tenant'],
  ['emulator', '--emulator'],
  ['redirectUri', '--redirect-uri'],
  ['responseUrl', '--response-url'],
  ['graphPrefix', '--graph-prefix'],
];

export function runReader<T = Record<string, unknown>>(command: 'read' | 'start-login' | 'finish-login' | 'check-permissions', options: ReaderOptions): Promise<T> {
  const args = [SCRIPT, command];
  for (const [key, flag] of FLAGS) {
    const value = options[key];
    if (typeof value === 'string') args.push(flag, value);
  }
  if (options.scopes) args.push('--scopes', options.scopes.join(' '));
  if (options.required) args.push('--required', options.required.join(' '));
  if (options.forceRefresh) args.push('--force-refresh');
  if (options.writeBack) args.push('--write-back');
  return new Promise((resolve, reject) => {
    execFile(PYTHON, args, { timeout: 30_000 }, (error, stdout, stderr) => {
      if (error) return reject(new Error(`${command} failed: ${error.message}\n${stderr}`));
      try {
        resolve(JSON.parse(stdout) as T);
      } catch {
        reject(new Error(`${command} did not answer JSON: ${stdout}\n${stderr}`));
      }
    });
  });
}

/**
 * Holds the lock the integration takes while it refreshes: portalocker's Lock(path, "r+",
 * fail_when_locked=True) is fcntl.flock(LOCK_EX | LOCK_NB) on the open file. Released on `release()`.
 */
export async function holdIntegrationLock(file: string): Promise<{ release(): Promise<void> }> {
  const code = 'import fcntl, sys\nf = open(sys.argv[1], "r+")\nfcntl.flock(f, fcntl.LOCK_EX | fcntl.LOCK_NB)\nprint("locked", flush=True)\nsys.stdin.read()\n';
  const child = spawn(PYTHON, ['-c', code, file], { stdio: ['pipe', 'pipe', 'pipe'] });
  await new Promise<void>((resolve, reject) => {
    child.stdout.once('data', () => resolve());
    child.once('exit', (status) => reject(new Error(`the lock holder exited (${status}) before locking`)));
  });
  return {
    release: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.stdin.end();
      }),
  };
}

/** Whether the integration could take its lock right now (the same non-blocking flock). */
export function integrationCanLock(file: string): Promise<boolean> {
  const code = 'import fcntl, sys\nf = open(sys.argv[1], "r+")\ntry:\n    fcntl.flock(f, fcntl.LOCK_EX | fcntl.LOCK_NB)\n    print("free")\nexcept OSError:\n    print("busy")\n';
  return new Promise((resolve, reject) => {
    execFile(PYTHON, ['-c', code, file], (error, stdout) => (error ? reject(error) : resolve(stdout.trim() === 'free')));
  });
}
