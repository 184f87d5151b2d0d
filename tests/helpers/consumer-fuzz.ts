// The consumer-API fuzzer, shared by its CI test (tests/integration/fuzz-consumer-api.test.ts, short)
// and `npm run soak` (bench/soak.ts, long): random and hostile requests from a seeded PRNG, so a seed
// replays a run. Reports what answered 5xx or broke the connection, and how often each status came.
import { connect } from 'node:net';
import type { ConsumerStack } from './consumer-stack.js';

/** mulberry32: small, fast, and the same sequence for the same seed everywhere. */
export function prng(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let x = Math.imul(state ^ (state >>> 15), 1 | state);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(list: readonly T[]): T => list[int(list.length)]!;
  const bytes = (n: number) => Buffer.from(Array.from({ length: n }, () => int(256)));
  const text = (n: number) => Array.from({ length: n }, () => String.fromCodePoint(pick([int(128), 0x80 + int(0x700), 0x1f600 + int(80), 0xfffd]))).join('');
  return { next, int, pick, bytes, text };
}

export type Rng = ReturnType<typeof prng>;

function hostileValue(rng: Rng, depth = 0): unknown {
  switch (rng.int(depth > 3 ? 6 : 9)) {
    case 0: return null;
    case 1: return rng.int(3) === 0 ? -0 : rng.pick([0, -1, 1e308, Number.MAX_SAFE_INTEGER + 2, 3.5]);
    case 2: return rng.pick([true, false]);
    case 3: return rng.text(rng.int(40));
    case 4: return rng.pick(['__proto__', 'constructor', 'prototype', '../../etc/passwd', '<script>alert(1)</script>', "' OR 1=1 --", '%00', '\u0000', '\u202e', 'a'.repeat(300)]);
    case 5: return rng.pick(['Mail.Read', 'User.Read', 'https://graph.microsoft.com/.default', 'offline_access']);
    case 6: return Array.from({ length: rng.int(8) }, () => hostileValue(rng, depth + 1));
    case 7: return Object.fromEntries(Array.from({ length: rng.int(5) }, () => [rng.pick(['account_id', 'scopes', 'force_refresh', '__proto__', 'constructor', rng.text(5)]), hostileValue(rng, depth + 1)]));
    default: return { account_id: hostileValue(rng, depth + 1), scopes: hostileValue(rng, depth + 1), force_refresh: hostileValue(rng, depth + 1) };
  }
}

function deepNesting(depth: number): string {
  return `${'['.repeat(depth)}${']'.repeat(depth)}`;
}

function body(rng: Rng, accountId: string): string | Uint8Array<ArrayBuffer> | undefined {
  switch (rng.int(8)) {
    case 0: return undefined;
    case 1: return new Uint8Array(rng.bytes(rng.int(2000)));
    case 2: return JSON.stringify(hostileValue(rng));
    case 3: return JSON.stringify({ account_id: accountId, scopes: hostileValue(rng), force_refresh: hostileValue(rng) });
    case 4: return `{"__proto__":{"polluted":true},"account_id":"${accountId}","constructor":{"prototype":{"polluted":true}}}`;
    case 5: return deepNesting(rng.pick([100, 5000]));
    case 6: return JSON.stringify({ account_id: accountId, scopes: Array.from({ length: rng.int(200) }, () => rng.text(rng.int(300))) });
    default: return rng.text(rng.int(500));
  }
}

function path(rng: Rng, accountId: string): string {
  const id = rng.pick([accountId, '__proto__', 'constructor', '..', '%2e%2e', rng.text(10), 'a'.repeat(200), '']);
  return rng.pick([
    '/v1/token', '/v1/token/', '/v1/TOKEN', '/v1//token', '/v1/token?x=1&x=2', '/v1/token/../accounts', '/v1/accounts', '/v1', '/', '/health', '/openapi.json',
    `/v1/accounts/${encodeURIComponent(id)}/graph/v1.0/me`,
    `/v1/accounts/${encodeURIComponent(id)}/token`,
    `/v1/accounts/${accountId}/token?${rng.pick(tokenQueries(rng))}`,
    `/v1/accounts/${accountId}/token?${rng.pick(tokenQueries(rng))}`,
    `/v1/accounts/${accountId}/token/${rng.pick(['', '..', '%2e%2e', 'x'])}`,
    `/v1/accounts/${accountId}/${rng.pick(['TOKEN', 'token%00', 'token;x=1', 'token#frag', '.%2Ftoken'])}`,
    `/v1/accounts/${accountId}/graph/${rng.pick(['', 'v1.0', 'v1.0/', 'beta/me/messages', 'v1.0/%2e%2e/%2e%2e/x', 'v1.0/me/..%2f..%2f', 'v1.0/echo?$x=%ZZ', 'v1.0/' + encodeURIComponent(rng.text(30)), 'v1.0/me%00', 'v1.0/me/messages/' + 'x'.repeat(3000)])}`,
    `/v1/accounts/${accountId}/graph/v1.0/me?${encodeURIComponent(rng.text(20))}=${encodeURIComponent(rng.text(20))}`,
    `/${encodeURIComponent(rng.text(rng.int(50)))}`,
    `/v1/${'a/'.repeat(rng.int(500))}`,
    '/%', '/%2', '/v1/%C0%AE%C0%AE/', `/v1/accounts/${accountId}/graph/v1.0/me#frag`,
  ]);
}

/** Queries for the token read: valid ones (so the cached-token fast path answers) and hostile ones. */
function tokenQueries(rng: Rng): string[] {
  return [
    'scopes=Mail.Read', 'scopes=Mail.Read', '', 'scopes=Mail.Read%20Calendars.Read', 'scopes=Mail.Read,User.Read', 'force_refresh=true', 'force_refresh=maybe',
    'scope=Mail.Read', 'scopes=', 'scopes=,,,', 'scopes=%ZZ', 'scopes=%00', 'scopes[]=Mail.Read', 'scopes=Mail.Read&scopes=Mail.Read&scopes=x',
    '__proto__=1', 'constructor=x&scopes=Mail.Read', 'hasOwnProperty=1', `scopes=${'a,'.repeat(300)}`, `scopes=${'x'.repeat(5000)}`,
    `scopes=${encodeURIComponent(rng.text(40))}`, `${encodeURIComponent(rng.text(10))}=${encodeURIComponent(rng.text(10))}`, '&&&', '=', '?', 'scopes=Mail.Read#x',
  ];
}

function headers(rng: Rng, key: string): Record<string, string> {
  const result: Record<string, string> = {};
  result.authorization = rng.pick([
    `Bearer ${key}`, `Bearer ${key}`, `bearer   ${key}  `, `Bearer ${key}x`, 'Bearer', 'Bearer ', `Basic ${Buffer.from('a:b').toString('base64')}`,
    `Bearer ${'A'.repeat(4000)}`, `Bearer ${key} ${key}`, '', 'Bearer m365_' + 'x'.repeat(43),
  ]);
  if (rng.int(2)) result['content-type'] = rng.pick(['application/json', 'application/json; charset=utf-8', 'application/json; charset=utf-16', 'text/plain', 'multipart/form-data; boundary=x', 'application/x-www-form-urlencoded', '*/*', 'application/json;;;', 'x']);
  if (rng.int(4) === 0) result['content-encoding'] = rng.pick(['gzip', 'br', 'identity', 'bogus']);
  if (rng.int(4) === 0) result['x-forwarded-for'] = rng.pick(['1.2.3.4', 'not-an-ip', '::1, 10.0.0.1']);
  if (rng.int(5) === 0) result.accept = rng.pick(['*/*', 'text/html', 'application/xml', '']);
  if (rng.int(6) === 0) result['x-remote-user-id'] = 'admin';
  return result;
}

/** Raw bytes on a socket, for what fetch refuses to send. Resolves with the status, or 0 if the server just closed. */
export function raw(url: string, payload: Buffer | string): Promise<number> {
  const target = new URL(url);
  return new Promise((resolve) => {
    const socket = connect(Number(target.port), target.hostname);
    let received = '';
    const done = () => {
      socket.destroy();
      resolve(Number(/^HTTP\/1\.[01] (\d{3})/.exec(received)?.[1] ?? 0));
    };
    socket.setTimeout(3000, done);
    socket.on('data', (chunk) => {
      received += chunk.toString('latin1');
      if (/\r\n\r\n/.test(received)) done();
    });
    socket.on('error', done);
    socket.on('close', done);
    socket.end(payload);
  });
}

async function fuzzRound(stack: ConsumerStack, rng: Rng, key: string, round: number, statuses: Map<number, number>): Promise<string | undefined> {
  const method = rng.pick(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS', 'POST', 'POST']);
  const target = path(rng, stack.accountId);
  const sent = ['GET', 'HEAD'].includes(method) ? undefined : body(rng, stack.accountId);
  let response: Response;
  try {
    response = await fetch(`${stack.service.apiUrl}${target}`, { method, headers: headers(rng, key), body: sent ?? null, redirect: 'manual' });
  } catch (error) {
    // fetch refuses some combinations itself (e.g. a forbidden header value); nothing reached the server.
    if (error instanceof TypeError && !String(error.cause ?? '').includes('ECONNRESET')) return undefined;
    return `round ${round}: ${method} ${target}: connection failed (${String(error)})`;
  }
  await response.arrayBuffer().catch(() => undefined);
  statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
  return response.status >= 500 ? `round ${round}: ${method} ${target} answered ${response.status}` : undefined;
}

/**
 * Key-less requests are limited per source (unauthenticated-limit.test.ts tests that); at the default
 * 30 a minute most hostile requests from this one address would stop at the 429 instead of reaching a route.
 */
export const FUZZ_LIMITS = { unauthenticatedPerMinute: 1_000_000 };

export interface FuzzResult {
  requests: number;
  failures: string[];
  statuses: Map<number, number>;
}

/**
 * `rounds` requests, `concurrency` at a time, from `seed`; a third use the limited key. The stack must
 * have both keys with a rate limit high enough that the limit is not what is tested.
 */
export async function fuzzConsumerApi(stack: ConsumerStack, keys: { full: string; limited: string }, options: { seed: number; rounds: number; concurrency?: number }): Promise<FuzzResult> {
  const rng = prng(options.seed);
  const concurrency = options.concurrency ?? 8;
  const failures: string[] = [];
  const statuses = new Map<number, number>();
  for (let round = 0; round < options.rounds; round += concurrency) {
    const batch = Array.from({ length: Math.min(concurrency, options.rounds - round) }, (_, i) => fuzzRound(stack, rng, rng.int(3) === 0 ? keys.limited : keys.full, round + i, statuses));
    failures.push(...(await Promise.all(batch)).filter((failure): failure is string => failure !== undefined));
  }
  return { requests: options.rounds, failures, statuses };
}
