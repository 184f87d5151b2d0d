// Turns a catalogue code into the three shapes Entra shows errors in: token JSON (§4.6), redirect
// parameters (§4.3) and the text of the error page, all carrying Trace ID, Correlation ID, Timestamp.
import { catalogueEntry, CATALOGUE, type ErrorContext } from './error-catalogue.js';
import { guid, msTimestamp } from './ids.js';

export interface ResolvedError {
  code: number;
  error: string;
  redirectError: string;
  suberror: string | undefined;
  subcode: string | undefined;
  status: number;
  /** `AADSTS<code>: <text>` without the trace lines. */
  message: string;
}

export interface Trace {
  traceId: string;
  correlationId: string;
  timestamp: string;
}

export interface ErrorOverrides {
  error?: string | undefined;
  suberror?: string | undefined;
  status?: number | undefined;
}

export function newTrace(nowMs: number, correlationId?: string | null): Trace {
  return { traceId: guid(), correlationId: correlationId || guid(), timestamp: msTimestamp(nowMs) };
}

/** A catalogue code, optionally bent by a test's overrides; unknown codes need an explicit `error`. */
export function resolveError(code: number, context: ErrorContext, overrides: ErrorOverrides = {}): ResolvedError {
  const entry = CATALOGUE[code] ?? (overrides.error ? undefined : catalogueEntry(code));
  const text = entry ? entry.message(context) : 'Emulated error.';
  const error = overrides.error ?? entry?.error ?? 'invalid_request';
  return {
    code,
    error,
    redirectError: overrides.error ?? entry?.redirectError ?? error,
    suberror: overrides.suberror ?? entry?.suberror,
    subcode: entry?.subcode,
    status: overrides.status ?? entry?.status ?? 400,
    message: `AADSTS${code}: ${text}`,
  };
}

export function describeWithTrace(resolved: ResolvedError, trace: Trace): string {
  return `${resolved.message}\r\nTrace ID: ${trace.traceId}\r\nCorrelation ID: ${trace.correlationId}\r\nTimestamp: ${trace.timestamp}`;
}

export const errorUri = (code: number): string => `https://login.microsoftonline.com/error?code=${code}`;

export function tokenErrorBody(resolved: ResolvedError, trace: Trace): Record<string, unknown> {
  const body: Record<string, unknown> = {
    error: resolved.error,
    error_description: describeWithTrace(resolved, trace),
    error_codes: [resolved.code],
    timestamp: trace.timestamp,
    trace_id: trace.traceId,
    correlation_id: trace.correlationId,
    error_uri: errorUri(resolved.code),
  };
  if (resolved.suberror) body.suberror = resolved.suberror;
  return body;
}

/** Ordered as Entra sends them; a user cancel carries `error_subcode` and no `error_uri`. */
export function errorRedirectParams(resolved: ResolvedError, trace: Trace): Array<[string, string]> {
  const params: Array<[string, string]> = [['error', resolved.redirectError]];
  if (resolved.subcode) params.push(['error_subcode', resolved.subcode]);
  params.push(['error_description', describeWithTrace(resolved, trace)]);
  if (!resolved.subcode) params.push(['error_uri', errorUri(resolved.code)]);
  return params;
}
