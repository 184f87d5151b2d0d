// POST /v1.0/$batch as Graph's JSON batching documents it (learn.microsoft.com/graph/json-batching):
// a `requests` array of at most 20 entries with unique `id`, `method` and a `url` relative to the
// version; the answer is 200 with a `responses` array holding each entry's `id`, `status`, `headers`
// and `body`, in any order (this emulator answers in reverse, so clients must match by id). An entry
// whose `dependsOn` names a failed entry answers 424 Failed Dependency. Throttling of the whole batch
// comes from failNext (graph faults answer the outer request, with Retry-After).
import { randomUUID } from 'node:crypto';
import type { RequestContext } from './context.js';
import { answerRead, type GraphAnswer, type ReadCaller } from './graph-features.js';
import { readBody } from './http.js';

const MAX_REQUESTS = 20;
const JSON_TYPE = 'application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8';

interface BatchEntry {
  id: string;
  method: string;
  url: string;
  dependsOn?: string[];
}

export function errorAnswer(now: number, status: number, code: string, message: string): GraphAnswer {
  const innerError = { date: new Date(now).toISOString().replace(/\.\d{3}Z$/, ''), 'request-id': randomUUID(), 'client-request-id': randomUUID() };
  return { status, body: { error: { code, message, innerError } } };
}

function parseEntries(payload: unknown): BatchEntry[] | string {
  const requests = typeof payload === 'object' && payload !== null ? (payload as { requests?: unknown }).requests : undefined;
  if (!Array.isArray(requests) || requests.length === 0) return 'Invalid batch payload format.';
  if (requests.length > MAX_REQUESTS) return `The number of batch requests cannot exceed ${MAX_REQUESTS}.`;
  const seen = new Set<string>();
  const entries: BatchEntry[] = [];
  for (const raw of requests as Array<Record<string, unknown>>) {
    const id = typeof raw?.id === 'string' ? raw.id : undefined;
    if (!id || typeof raw.method !== 'string' || typeof raw.url !== 'string') return 'Each batch request needs id, method and url.';
    // Ids are case-insensitive and must be unique (json-batching: "otherwise the batch fails with 400").
    if (seen.has(id.toLowerCase())) return `Request id '${id}' is duplicated.`;
    seen.add(id.toLowerCase());
    const dependsOn = Array.isArray(raw.dependsOn) ? raw.dependsOn.map(String) : undefined;
    entries.push({ id, method: raw.method.toUpperCase(), url: raw.url, ...(dependsOn ? { dependsOn } : {}) });
  }
  return entries;
}

/** Answers one batch for an authenticated caller; `badRequest` renders an outer 400 as graph.ts does. */
export async function handleBatch(ctx: RequestContext, caller: ReadCaller, badRequest: (message: string) => void): Promise<void> {
  let payload: unknown;
  try {
    payload = JSON.parse((await readBody(ctx.req)).toString('utf8'));
  } catch {
    return badRequest('Invalid batch payload format.');
  }
  const entries = parseEntries(payload);
  if (typeof entries === 'string') return badRequest(entries);
  const now = ctx.state.now();
  const error = (status: number, code: string, message: string) => errorAnswer(now, status, code, message);
  const statusById = new Map<string, number>();
  const responses = entries.map((entry) => {
    const answer = answerEntry(entry, caller, statusById, error);
    statusById.set(entry.id.toLowerCase(), answer.status);
    return { id: entry.id, status: answer.status, headers: { 'Content-Type': JSON_TYPE, ...(answer.headers ?? {}) }, body: answer.body };
  });
  const body = JSON.stringify({ responses: responses.reverse() });
  ctx.res.writeHead(200, { 'content-type': JSON_TYPE, 'request-id': randomUUID(), 'content-length': Buffer.byteLength(body) });
  ctx.res.end(body);
}

function answerEntry(entry: BatchEntry, caller: ReadCaller, statusById: Map<string, number>, error: (s: number, c: string, m: string) => GraphAnswer): GraphAnswer {
  const failed = (entry.dependsOn ?? []).some((id) => (statusById.get(id.toLowerCase()) ?? 424) >= 400);
  if (failed) return error(424, 'FailedDependency', 'The request depends on a request that failed.');
  const url = new URL(entry.url.replace(/^\/+/, ''), 'https://graph.invalid/');
  const path = decodeURIComponent(url.pathname).replace(/^\/+/, '').replace(/\/+$/, '').toLowerCase();
  // The emulator batches reads only; writes are not part of what the add-on sends in a batch.
  if (entry.method !== 'GET') return error(405, 'Request_BadRequest', 'Specified HTTP method is not allowed for the request target.');
  return answerRead(caller, path, url.searchParams, error) ?? error(404, 'Request_ResourceNotFound', `Resource not found for the segment '${path.split('/').pop() ?? ''}'.`);
}
