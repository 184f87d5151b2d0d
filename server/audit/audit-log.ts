// Append-only audit log in the data folder: JSON lines, rotated by size (audit.log, .1, .2, .3).
// record() never waits for the disk: entries are batched and written every AUDIT_FLUSH_MS (or sooner
// when many wait), so the token hot path pays for two pushes into arrays; the lines are built when
// the batch is written, so they die young instead of waiting in memory. A failing disk is logged,
// not thrown. A crash loses at most the last AUDIT_FLUSH_MS of lines.
import { open, readFile, rename, stat, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import type { Logger } from '../log.js';
import { auditLineTail, isAuditLine, type AuditEntry, type AuditLine } from './audit-line.js';

export const AUDIT_FILE = 'audit.log';
export const AUDIT_MAX_BYTES = 5 * 1024 * 1024;
export const AUDIT_ROTATED_FILES = 3;
/** Lines waiting for a stuck disk beyond this are dropped (and counted) rather than eating memory. */
export const AUDIT_MAX_PENDING_LINES = 20_000;
/** Batching window: one write per window instead of one per event-loop turn under load. */
export const AUDIT_FLUSH_MS = 100;
/** A batch this large is written at once. */
const AUDIT_BATCH_LINES = 1000;

export interface AuditLogOptions {
  dir: string;
  now: () => Date;
  log: Logger;
  maxBytes?: number;
  rotatedFiles?: number;
}

export class AuditLog {
  readonly #options: Required<AuditLogOptions>;
  /** Entries waiting to be written, and when each happened (two arrays: no object per request). */
  #pending: AuditEntry[] = [];
  #pendingTimes: number[] = [];
  #dropped = 0;
  #timer: NodeJS.Timeout | null = null;
  #writing: Promise<void> = Promise.resolve();
  #handle: FileHandle | null = null;
  #size = 0;
  #closed = false;
  /** Many lines share a millisecond under load; its ISO string is made once. */
  #timeMs = Number.NaN;
  #timeIso = '';

  constructor(options: AuditLogOptions) {
    this.#options = { maxBytes: AUDIT_MAX_BYTES, rotatedFiles: AUDIT_ROTATED_FILES, ...options };
  }

  get file(): string {
    return join(this.#options.dir, AUDIT_FILE);
  }

  /** `nowMs` lets a caller that already read the clock for this request pass it on. */
  record(entry: AuditEntry, nowMs = this.#options.now().getTime()): void {
    if (this.#closed) return;
    if (this.#pending.length >= AUDIT_MAX_PENDING_LINES) {
      this.#dropped += 1;
      return;
    }
    this.#pending.push(entry);
    this.#pendingTimes.push(nowMs);
    if (this.#pending.length >= AUDIT_BATCH_LINES) {
      void this.flush();
      return;
    }
    this.#timer ??= setTimeout(() => void this.flush(), AUDIT_FLUSH_MS).unref();
  }

  #isoAt(nowMs: number): string {
    if (nowMs !== this.#timeMs) {
      this.#timeMs = nowMs;
      this.#timeIso = new Date(nowMs).toISOString();
    }
    return this.#timeIso;
  }

  /** Writes everything recorded so far. */
  flush(): Promise<void> {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    this.#writing = this.#writing.then(() => this.#writePending());
    return this.#writing;
  }

  async close(): Promise<void> {
    await this.flush();
    this.#closed = true;
    await this.#handle?.close().catch(() => undefined);
    this.#handle = null;
  }

  /** The newest lines first, across rotated files, at most `limit`. */
  async read(limit: number): Promise<AuditLine[]> {
    await this.flush();
    const lines: AuditLine[] = [];
    for (let index = 0; index <= this.#options.rotatedFiles && lines.length < limit; index += 1) {
      const text = await readFile(this.#fileAt(index), 'utf8').catch(() => '');
      const parsed = text.split('\n').filter(Boolean).reverse();
      for (const raw of parsed) {
        if (lines.length >= limit) break;
        const line = parseLine(raw);
        if (line) lines.push(line);
      }
    }
    return lines;
  }

  #fileAt(index: number): string {
    return index === 0 ? this.file : `${this.file}.${index}`;
  }

  async #writePending(): Promise<void> {
    if (this.#pending.length === 0) return;
    const [entries, times] = [this.#pending, this.#pendingTimes];
    this.#pending = [];
    this.#pendingTimes = [];
    const lines = entries.length;
    let text = '';
    for (let index = 0; index < lines; index += 1) text += `{"time":"${this.#isoAt(times[index]!)}",${auditLineTail(entries[index]!)}\n`;
    const chunk = Buffer.from(text);
    try {
      const handle = await this.#open();
      await handle.write(chunk);
      this.#size += chunk.length;
      if (this.#size >= this.#options.maxBytes) await this.#rotate();
    } catch (error) {
      this.#options.log.warn({ err: error, lines }, 'audit log write failed');
    }
    if (this.#dropped > 0) {
      this.#options.log.warn({ lines: this.#dropped }, 'audit log lines dropped: the disk did not keep up');
      this.#dropped = 0;
    }
  }

  async #open(): Promise<FileHandle> {
    if (this.#handle) return this.#handle;
    this.#handle = await open(this.file, 'a', 0o600);
    this.#size = (await stat(this.file)).size;
    return this.#handle;
  }

  async #rotate(): Promise<void> {
    await this.#handle?.close();
    this.#handle = null;
    for (let index = this.#options.rotatedFiles; index >= 1; index -= 1) {
      // rename replaces the target, so the oldest file simply falls off the end
      await rename(this.#fileAt(index - 1), this.#fileAt(index)).catch((error: NodeJS.ErrnoException) => {
        if (error.code !== 'ENOENT') throw error;
      });
    }
    this.#size = 0;
  }
}

function parseLine(raw: string): AuditLine | undefined {
  try {
    const value: unknown = JSON.parse(raw);
    return isAuditLine(value) ? value : undefined;
  } catch {
    return undefined;
  }
}
