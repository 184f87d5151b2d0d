// The Activity page's result filter and the words for each audit line. Pure.
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
