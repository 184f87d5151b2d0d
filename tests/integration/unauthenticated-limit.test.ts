// Requests without a valid key are limited per source address before they reach the audit log: a
// flood from one host cannot rotate earlier lines out of it, nor fill the service log, and real
// consumers (elsewhere or on the same address) are still served. 127.0.0.2 is a second peer: Linux
// routes all of 127.0.0.0/8 to loopback.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sourceOf } from '../../server/consumers/unauthenticated-limit.js';
import { listenerLimitsSchema } from '../../server/settings/schema.js';
import { startConsumerStack } from '../helpers/consumer-stack.js';
import { rawRequest } from '../helpers/raw-http.js';

type Json = Record<string, any>;

const FLOOD = 200;

describe('requests without a valid key', () => {
  it('are limited per source before they are audited, and do not crowd out real consumers', async (t) => {
    // A frozen clock: the allowance refills only when the test says so.
    const stack = await startConsumerStack(t, { frozenClock: true });
    const perMinute = stack.services.settings.listenerLimits.unauthenticatedPerMinute;
    const { key, id } = await stack.createConsumer({ name: 'real', account_ids: [stack.accountId], rate_limit_per_minute: 1000 });
    const api = stack.service.apiUrl;
    const tokenTarget = `/v1/accounts/${stack.accountId}/token`;
    assert.equal((await rawRequest(api, { target: tokenTarget, headers: { authorization: `Bearer ${key}` } })).status, 200);

    const statuses = new Map<number, number>();
    let retryAfter: string | undefined;
    for (let i = 0; i < FLOOD; i += 1) {
      const headers: Record<string, string> = i % 2 === 0 ? { authorization: `Bearer m365_guess${i}` } : {};
      const answer = await rawRequest(api, { target: tokenTarget, headers, localAddress: '127.0.0.2' });
      statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
      if (answer.status === 429) {
        retryAfter = answer.headers['retry-after'];
        assert.equal((JSON.parse(answer.body) as Json).error.code, 'unauthenticated_rate_limited');
      }
    }
    assert.deepEqual(Object.fromEntries(statuses), { 401: perMinute, 429: FLOOD - perMinute });
    assert.equal(retryAfter, String(60 / perMinute), 'one more try when the allowance refills one request');

    // Real consumers are served: from another address, and from the flooding one with a valid key.
    assert.equal((await rawRequest(api, { target: tokenTarget, headers: { authorization: `Bearer ${key}` } })).status, 200);
    assert.equal((await rawRequest(api, { target: tokenTarget, headers: { authorization: `Bearer ${key}` }, localAddress: '127.0.0.2' })).status, 200);
    // Another source without a key has its own allowance.
    assert.equal((await rawRequest(api, { target: tokenTarget, localAddress: '127.0.0.3' })).status, 401);

    await stack.services.audit.flush();
    const entries = ((await (await stack.service.ui('/api/audit?limit=1000')).json()) as Json).entries as Json[];
    assert.deepEqual(entries.map((line) => [line.event, line.consumer_id]).reverse(), [
      ['token', id],
      ...Array.from({ length: perMinute }, () => ['denied', null]),
      ['token', id],
      ['token', id],
      ['denied', null],
    ], 'the earlier line stays, and the flood wrote only its allowance');
    const warnings = stack.service.logs.filter((line) => line.includes('no longer audited'));
    assert.equal(warnings.length, 1, 'one warning for the episode, not one line per refused request');
    assert.equal(stack.service.logs.filter((line) => line.includes('"status":429')).length, 0, 'no request-log line per refused request');

    // The allowance refills with the clock.
    stack.clock.advance(60_000);
    assert.equal((await rawRequest(api, { target: tokenTarget, localAddress: '127.0.0.2' })).status, 401);
  });

  it('counts an IPv6 /64 as one source and an IPv4-mapped address as its IPv4 address', () => {
    assert.equal(sourceOf('2001:db8:1:2:aaaa::1'), '2001:db8:1:2::/64');
    assert.equal(sourceOf('2001:db8:1:2:ffff:1:2:3'), '2001:db8:1:2::/64');
    assert.equal(sourceOf('::1'), '0:0:0:0::/64');
    assert.equal(sourceOf('::ffff:172.30.33.4'), '172.30.33.4');
    assert.equal(sourceOf(undefined), 'unknown');
    assert.equal(listenerLimitsSchema.parse({}).unauthenticatedPerMinute > 0, true);
  });
});
