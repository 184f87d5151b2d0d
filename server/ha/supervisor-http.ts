// The one place that sends HTTP requests to the Supervisor (http://supervisor in the container):
// bearer token, a deadline on every call, failures turned into HaError reasons. Never logs the token.
import { HaError } from './ha-error.js';

export interface SupervisorConnection {
  /** `http://supervisor` in the container; an emulator in tests. */
  baseUrl: string;
  token: string;
  timeoutMs: number;
  /** Aborted when the service stops, so no call outlives it. */
  stop?: AbortSignal;
}

/** The deadline of one call: its timeout, or the service stopping, whichever comes first. */
export function callDeadline(conn: SupervisorConnection): AbortSignal {
  const timeout = AbortSignal.timeout(conn.timeoutMs);
  return conn.stop ? AbortSignal.any([timeout, conn.stop]) : timeout;
}

export interface JsonRequest {
  method?: 'GET' | 'POST';
  path: string;
  body?: unknown;
}

export interface JsonResponse {
  status: number;
  body: unknown;
}

/** Sends one request and reads a JSON body; any non-2xx answer becomes an HaError. */
export async function requestJson(conn: SupervisorConnection, request: JsonRequest): Promise<JsonResponse> {
  const signal = callDeadline(conn);
  const headers: Record<string, string> = { authorization: `Bearer ${conn.token}`, accept: 'application/json' };
  if (request.body !== undefined) headers['content-type'] = 'application/json';
  const where = `${request.method ?? 'GET'} ${request.path}`;
  let response: Response;
  let text: string;
  try {
    response = await fetch(new URL(request.path, conn.baseUrl), {
      method: request.method ?? 'GET',
      headers,
      body: request.body === undefined ? null : JSON.stringify(request.body),
      signal,
      redirect: 'error',
    });
    text = await response.text();
  } catch (error) {
    throw transportError(error, signal, where);
  }
  if (!response.ok) throw statusError(response.status, where, text);
  return { status: response.status, body: parseJson(text, where) };
}

export function transportError(error: unknown, signal: AbortSignal, where: string): HaError {
  if (signal.aborted) return new HaError('timeout', `${where} timed out`, { cause: error });
  return new HaError('unreachable', `${where} could not connect`, { cause: error });
}

function statusError(status: number, where: string, text: string): HaError {
  if (status === 401) return new HaError('unauthorized', `${where} answered 401`, { status });
  if (status === 403) return new HaError('forbidden', `${where} answered 403`, { status });
  return new HaError('http_error', `${where} answered ${status}${messageOf(text)}`, { status });
}

/** The Supervisor's and Core's error messages are short and carry no secrets; keep them bounded anyway. */
function messageOf(text: string): string {
  try {
    const body = JSON.parse(text) as { message?: unknown };
    return typeof body.message === 'string' ? `: ${body.message.slice(0, 200)}` : '';
  } catch {
    return '';
  }
}

function parseJson(text: string, where: string): unknown {
  if (text === '') return null;
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new HaError('bad_response', `${where} did not answer with JSON`, { cause: error });
  }
}
