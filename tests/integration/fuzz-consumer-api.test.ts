// Random and hostile requests against the consumer listener: bodies, headers, paths and raw bytes
// that are not HTTP at all. Bounded loops from a seeded PRNG (FUZZ_SEED=<n> replays a run). Whatever
// comes in: never a 5xx, never a crash, the service still answers, and no key reaches the log.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FUZZ_LIMITS, fuzzConsumerApi, prng, raw } from '../helpers/consumer-fuzz.js';
import { startConsumerStack } from '../helpers/consumer-stack.js';
import { leakedSecrets } from '../helpers/service.js';

const SEED = Number(process.env.FUZZ_SEED ?? 20260301);
/** CI's short round; `npm run soak` runs at least 10 000. */
const ROUNDS = 1200;

describe('consumer API fuzzing', () => {
  it(`never answers 5xx and never crashes on random and hostile requests (seed ${SEED})`, async (t) => {
    // At info, as the service runs: the cached-token fast path is in front of Fastify (at debug it steps aside).
    const stack = await startConsumerStack(t, { logLevel: 'info', settings: { listenerLimits: FUZZ_LIMITS } });
    const { key } = await stack.createConsumer({ name: 'fuzz', account_ids: [stack.accountId], rate_limit_per_minute: 100_000 });
    const limited = await stack.createConsumer({ name: 'fuzz-limited', account_ids: [stack.accountId], allowed_scopes: ['Mail.Read'], rate_limit_per_minute: 100_000 });
    const { failures } = await fuzzConsumerApi(stack, { full: key, limited: limited.key }, { seed: SEED, rounds: ROUNDS });
    assert.deepEqual(failures.slice(0, 10), [], `seed ${SEED}`);
    assert.equal((await stack.service.api('/health')).status, 200, 'still alive');
    assert.equal((await stack.token(key, { account_id: stack.accountId })).status, 200, 'still serving tokens');
    assert.deepEqual(stack.service.logs.filter((line) => line.includes('unexpected error')).slice(0, 3), [], 'no request fell through to the 500 handler');
    assert.deepEqual(leakedSecrets(stack.service.logs, [key, limited.key]), []);
  });

  it(`survives bytes that are not valid HTTP (seed ${SEED})`, async (t) => {
    const stack = await startConsumerStack(t);
    const { key } = await stack.createConsumer({ name: 'raw', account_ids: [stack.accountId] });
    const rng = prng(SEED + 1);
    const host = new URL(stack.service.apiUrl).host;
    const payloads: Array<Buffer | string> = [
      `POST /v1/token HTTP/1.1\r\nHost: ${host}\r\nAuthorization: Bearer ${key}\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"account_id":`,
      `POST /v1/token HTTP/1.1\r\nHost: ${host}\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n`,
      `GET /v1/accounts\0 HTTP/1.1\r\nHost: ${host}\r\n\r\n`,
      `GET /v1/accounts/${stack.accountId}/token HTTP/1.1\r\nHost: ${host}\r\nAUTHORIZATION: Bearer ${key}\r\nauthorization: Bearer nope\r\n\r\n`,
      `GET /v1/accounts/${stack.accountId}/token?scopes=Mail.Read HTTP/1.1\r\nHost: ${host}\r\nAuthorization: Bearer ${key}\r\nContent-Length: 10\r\n\r\n{"a":1}xyz`,
      `GET /v1/accounts/${stack.accountId}/token HTTP/1.0\r\nAuthorization:Bearer ${key}\r\n\r\n`,
      `GET /v1/accounts HTTP/1.1\r\nHost: ${host}\r\nAuthorization: Bearer ${key}\r\nX-Bad: a\rb\r\n\r\n`,
      `GET ${'/a'.repeat(40_000)} HTTP/1.1\r\nHost: ${host}\r\n\r\n`,
      `GET /health HTTP/1.1\r\nHost: ${host}\r\n${'X-Pad: y\r\n'.repeat(3000)}\r\n`,
      `POST /v1/accounts/${stack.accountId}/graph/v1.0/echo HTTP/1.1\r\nHost: ${host}\r\nAuthorization: Bearer ${key}\r\nTransfer-Encoding: chunked\r\n\r\nZZZ\r\nnot a chunk\r\n`,
      'BREW /coffee HTCPCP/1.0\r\n\r\n',
    ];
    for (let i = 0; i < 40; i += 1) payloads.push(rng.bytes(rng.int(3000)));
    for (const payload of payloads) {
      const status = await raw(stack.service.apiUrl, payload);
      assert.ok(status < 500, `${String(payload).slice(0, 60)}… answered ${status}`);
    }
    assert.equal((await stack.service.api('/health')).status, 200);
    assert.equal((await stack.token(key, { account_id: stack.accountId })).status, 200);
  });
});
