// The audit log's line format: who asked for what and what they got, as one JSON object per line.
// It never holds a token or a key: paths lose their query, and long path segments (ids, or anything
// a caller might paste there) are shortened to a marker.

import type { AuditEvent } from '../../shared/audit-events.js';

export type { AuditEvent };

export interface AuditEntry {
  event: AuditEvent;
  consumerId: string | null;
  consumerName: string | null;
  accountId: string | null;
  scopes: readonly string[];
  /** `ok`, or the error code the caller got. */
  result: string;
  status: number;
  method?: string;
  /** Graph path (pass-through) or the route pattern (denials). */
  path?: string;
  /** `consumer_changed`: which of its settings an administrator changed (`name`, `account_ids`…). */
  changed?: readonly string[];
}

export interface AuditLine {
  time: string;
  event: AuditEvent;
  consumer_id: string | null;
  consumer_name: string | null;
  account_id: string | null;
  scopes: string[];
  result: string;
  status: number;
  method?: string;
  path?: string;
  changed?: string[];
}

const MAX_SEGMENT_CHARS = 40;
const MAX_PATH_CHARS = 300;
const MAX_FIELD_CHARS = 200;

/** Path without query; long segments become `…` so an id or a pasted secret never lands in the file. */
export function auditPath(raw: string): string {
  // The common case (a route pattern such as /v1/token) needs no work.
  if (raw.length <= MAX_SEGMENT_CHARS && !/[?#]/.test(raw)) return raw;
  const path = raw.split(/[?#]/, 1)[0] ?? '';
  const cleaned = path
    .split('/')
    .map((segment) => (segment.length > MAX_SEGMENT_CHARS ? '…' : segment))
    .join('/');
  return cleaned.length > MAX_PATH_CHARS ? `${cleaned.slice(0, MAX_PATH_CHARS)}…` : cleaned;
}

const short = (value: string | null): string | null => (value === null ? null : value.slice(0, MAX_FIELD_CHARS));

/**
 * Scopes are what a caller asked for, so a key or token pasted there would land in the file.
 * Permission names are short dotted words (`Mail.Read`, `offline_access`, a resource URL at most a
 * hundred-odd characters); a long value, or a long one without a dot, becomes `…`.
 */
const auditScope = (scope: string): string => (scope.length > 120 || (scope.length > 24 && !scope.includes('.')) ? '…' : scope);

export function toAuditLine(entry: AuditEntry, time: Date): AuditLine {
  const line: AuditLine = {
    time: time.toISOString(),
    event: entry.event,
    consumer_id: short(entry.consumerId),
    consumer_name: short(entry.consumerName),
    account_id: short(entry.accountId),
    scopes: entry.scopes.slice(0, 50).map(auditScope),
    result: entry.result.slice(0, 64),
    status: entry.status,
  };
  if (entry.method) line.method = entry.method.slice(0, 16);
  if (entry.path !== undefined) line.path = auditPath(entry.path);
  if (entry.changed) line.changed = entry.changed.slice(0, 10).map((field) => field.slice(0, 40));
  return line;
}

/**
 * The line's JSON after its time: `"event":…}`. The time goes first so lines read well; an entry that
 * is frozen (the consumer API's fast path reuses one per consumer and question) is serialized once.
 */
const tails = new WeakMap<AuditEntry, string>();

export function auditLineTail(entry: AuditEntry): string {
  const known = tails.get(entry);
  if (known !== undefined) return known;
  const { time: _time, ...rest } = toAuditLine(entry, new Date(0));
  const tail = JSON.stringify(rest).slice(1);
  if (Object.isFrozen(entry)) tails.set(entry, tail);
  return tail;
}

export function isAuditLine(value: unknown): value is AuditLine {
  if (!value || typeof value !== 'object') return false;
  const line = value as Record<string, unknown>;
  return typeof line.time === 'string' && typeof line.event === 'string' && typeof line.status === 'number';
}
