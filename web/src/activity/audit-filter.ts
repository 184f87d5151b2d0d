// The Activity page's filters (result, consumer, account) and the words for each audit line. Pure.
import type { AuditLine } from '../api/types.js';

/** `all`, `ok`, `failed` (anything but ok), or one exact result code. */
export type ResultFilter = string;

export function filterByResult(lines: readonly AuditLine[], filter: ResultFilter): AuditLine[] {
  if (filter === 'all') return [...lines];
  if (filter === 'failed') return lines.filter((line) => line.result !== 'ok');
  return lines.filter((line) => line.result === filter);
}

/** The filter's choices: the fixed three, then every failure code present, sorted. */
export function resultChoices(lines: readonly AuditLine[]): Array<{ value: string; label: string }> {
  const codes = [...new Set(lines.map((line) => line.result).filter((result) => result !== 'ok'))].sort();
  return [
    { value: 'all', label: 'All results' },
    { value: 'ok', label: 'Succeeded' },
    { value: 'failed', label: 'Failed or refused' },
    ...codes.map((code) => ({ value: code, label: `Only ${code}` })),
  ];
}

/** `all`, or one consumer's ID (`none`: a request with no valid key). */
export type ConsumerFilter = string;
/** `all`, or one account's ID (`none`: a line about no account). */
export type AccountFilter = string;

export interface ActivityFilters {
  result: ResultFilter;
  consumer: ConsumerFilter;
  account: AccountFilter;
}

export function filterLines(lines: readonly AuditLine[], filters: ActivityFilters): AuditLine[] {
  return filterByResult(lines, filters.result).filter((line) =>
    (filters.consumer === 'all' || (line.consumer_id ?? 'none') === filters.consumer)
    && (filters.account === 'all' || (line.account_id ?? 'none') === filters.account));
}

/** Every consumer in the lines, by the newest name it had (lines come newest first), sorted by name. */
export function consumerChoices(lines: readonly AuditLine[]): Array<{ value: string; label: string }> {
  const names = new Map<string, string>();
  for (const line of lines) {
    const id = line.consumer_id ?? 'none';
    if (!names.has(id)) names.set(id, line.consumer_id === null ? 'No valid key' : line.consumer_name ?? 'A revoked consumer');
  }
  const choices = [...names].map(([value, label]) => ({ value, label })).sort((a, b) => a.label.localeCompare(b.label));
  return [{ value: 'all', label: 'All consumers' }, ...choices];
}

/** Every account in the lines, by its address (a removed one says so), sorted. */
export function accountChoices(lines: readonly AuditLine[], accounts: ReadonlyArray<{ id: string; username: string }>): Array<{ value: string; label: string }> {
  const ids = [...new Set(lines.map((line) => line.account_id ?? 'none'))];
  const label = (id: string) => (id === 'none' ? 'No account' : accounts.find((a) => a.id === id)?.username ?? `A removed account (${id.slice(0, 8)})`);
  const choices = ids.map((value) => ({ value, label: label(value) })).sort((a, b) => a.label.localeCompare(b.label));
  return [{ value: 'all', label: 'All accounts' }, ...choices];
}

/** What was asked: a token, a Graph call (method and path), a consumer changed in the panel, or a request refused before either. */
export function describeRequest(line: AuditLine): string {
  if (line.event === 'graph') return `Graph ${line.method ?? ''} ${line.path ?? ''}`.replace(/\s+/g, ' ').trim();
  if (line.event === 'token') return 'Token';
  if (line.event === 'consumer_changed') {
    const words: Record<string, string> = { name: 'name', account_ids: 'accounts', allowed_scopes: 'permissions', rate_limit_per_minute: 'rate limit' };
    const changed = (line.changed ?? []).map((field) => words[field] ?? field);
    return changed.length ? `Consumer changed: ${changed.join(', ')}` : 'Consumer saved unchanged';
  }
  return line.path ? `Refused: ${line.method ?? ''} ${line.path}`.replace(/\s+/g, ' ') : 'Refused';
}
