// The decrypted store in memory, and the only way to change it: one change at a time, validated, encrypted, written atomically.
// Must never overwrite or "repair" a store it could not read, make a new key while a store exists, or log what the store holds.
import { chmod, mkdir, readFile, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { AppError } from '../errors/app-error.js';
import { removeStaleTempFiles, writeFileAtomic } from './atomic-file.js';
import { decrypt, encrypt, KEY_FILE, keyPath as keyPathIn, loadOrCreateKey } from './crypto.js';
import { emptyStoreData, storeDataSchema, type StoreData } from './schema.js';
import { deepFreeze, describeIssues, parseStoreJson } from './store-content.js';
import { StoreOpenError } from './store-error.js';

export const STORE_FILE = 'store.enc';

type LogFn = (obj: Record<string, unknown>, msg: string) => void;
/** The part of a pino logger the store uses. */
export interface StoreLogger {
  info: LogFn;
  warn: LogFn;
}

export interface StoreOptions {
  logger?: StoreLogger;
}

export class Store {
  private current: Readonly<StoreData>;
  private currentJson: string;
  private tail: Promise<unknown> = Promise.resolve();
  private closed = false;

  private constructor(
    private readonly storePath: string,
    private readonly keyFilePath: string,
    private readonly key: Buffer,
    data: StoreData,
  ) {
    this.currentJson = JSON.stringify(data);
    this.current = deepFreeze(data);
  }

  static async open(dataDir: string, options: StoreOptions = {}): Promise<Store> {
    const log = options.logger;
    const dir = resolve(dataDir);
    const storePath = join(dir, STORE_FILE);
    await ensurePrivateDir(dir);

    const blob = await readStoreFile(storePath);
    if (blob === null) {
      const { key, created } = await loadOrCreateKey(dir, { create: true });
      if (!created) log?.warn({ path: storePath }, 'store.key exists but store.enc does not; starting with an empty store');
      await removeTempFiles(dir, log);
      const store = new Store(storePath, keyPathIn(dir), key, emptyStoreData());
      await writeFileAtomic(storePath, encrypt(Buffer.from(store.currentJson, 'utf8'), key), { mode: 0o600 });
      log?.info({ path: storePath, newKey: created }, 'Created an empty encrypted store');
      return store;
    }
    // The store exists, so only its own key can read it: a fresh key here would lock the user out for good.
    const { key } = await loadOrCreateKey(dir, { create: false });
    const data = parseStoreJson(decrypt(blob, key, storePath), storePath);
    // Only now: a refused store leaves the folder exactly as found, leftovers included, for whoever investigates.
    await removeTempFiles(dir, log);
    await warnIfKeyReadableByOthers(keyPathIn(dir), log);
    log?.info({ path: storePath }, 'Opened the encrypted store');
    return new Store(storePath, keyPathIn(dir), key, data);
  }

  get path(): string {
    return this.storePath;
  }

  get keyPath(): string {
    return this.keyFilePath;
  }

  /** The committed state, deep-frozen: changes go through `update` only. */
  get data(): Readonly<StoreData> {
    return this.current;
  }

  /**
   * Runs `mutate` on a copy of the data after every earlier update finished. The result becomes visible only
   * once it passed the schema and is on disk; if anything throws, memory and disk stay as they were.
   * Never call `update` from inside a mutator: the inner call waits for the outer one, which waits for it.
   */
  update<T>(mutate: (draft: StoreData) => T | Promise<T>): Promise<T> {
    if (this.closed) {
      return Promise.reject(new AppError('internal_error', { message: 'The store is closed; the change was not saved.' }));
    }
    const run = this.tail.then(() => this.apply(mutate));
    this.tail = run.catch(() => undefined); // one failed update must not block the ones queued after it
    return run;
  }

  /** Waits for queued updates to finish; later updates are refused. */
  async close(): Promise<void> {
    this.closed = true;
    await this.tail;
  }

  private async apply<T>(mutate: (draft: StoreData) => T | Promise<T>): Promise<T> {
    const draft = structuredClone(this.current) as StoreData;
    const result = await mutate(draft);
    const parsed = storeDataSchema.safeParse(draft);
    if (!parsed.success) {
      throw new AppError('internal_error', { message: `Store change rejected: ${describeIssues(parsed.error.issues)}` });
    }
    const json = JSON.stringify(parsed.data);
    if (json !== this.currentJson) {
      await writeFileAtomic(this.storePath, encrypt(Buffer.from(json, 'utf8'), this.key), { mode: 0o600 });
      // Re-read from the JSON so memory holds exactly what a restart would load, with no references the mutator kept.
      this.current = deepFreeze(JSON.parse(json) as StoreData);
      this.currentJson = json;
    }
    return result;
  }
}

async function ensurePrivateDir(dir: string): Promise<void> {
  const created = await mkdir(dir, { recursive: true, mode: 0o700 });
  if (created !== undefined) await chmod(dir, 0o700); // mkdir's mode passes through the umask; set it exactly
}

// A temp file is a write that was never committed (the writer died before its rename), so it is discarded.
async function removeTempFiles(dir: string, log: StoreLogger | undefined): Promise<void> {
  const removed = [...(await removeStaleTempFiles(dir, STORE_FILE)), ...(await removeStaleTempFiles(dir, KEY_FILE))];
  if (removed.length > 0) log?.warn({ files: removed }, 'Removed temp files left by an interrupted write');
}

async function readStoreFile(file: string): Promise<Buffer | null> {
  try {
    return await readFile(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return null;
    throw new StoreOpenError('store_unreadable', file, `the file cannot be read (${code ?? 'unknown error'})`, { cause: error });
  }
}

async function warnIfKeyReadableByOthers(file: string, log: StoreLogger | undefined): Promise<void> {
  const mode = (await stat(file).catch(() => null))?.mode ?? 0;
  // Warn rather than chmod: opening the store must not change the user's files behind their back.
  if ((mode & 0o077) !== 0) log?.warn({ path: file, mode: (mode & 0o777).toString(8) }, 'store.key can be read by other users; chmod 600 it');
}
