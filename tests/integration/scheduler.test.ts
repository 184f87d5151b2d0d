// The refresh scheduler against the emulator, with the service's clock moved by the test: tokens in
// use are renewed before they expire, and an idle account is refreshed weekly so Microsoft's 90-day
// inactivity limit (which the emulator enforces by the same clock) never runs out.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { KEEP_ALIVE_INTERVAL_MS, KEEP_ALIVE_JITTER_MS } from '../../server/scheduler/refresh-policy.js';
import { startConsumerStack, type ConsumerStack } from '../helpers/consumer-stack.js';

type Json = Record<string, any>;

const DAY = 24 * 3_600_000;
const MINUTE = 60_000;
const refreshes = (stack: ConsumerStack) => stack.emulator.stats.tokenRequests.refresh_token ?? 0;
const accountView = async (stack: ConsumerStack): Promise<Json> =>
  ((await (await stack.service.ui('/api/accounts')).json()) as Json).accounts.find((a: Json) => a.id === stack.accountId);

describe('refresh scheduler', () => {
  it('renews a token in use ten minutes before it expires, so the consumer never waits for Microsoft', async (t) => {
    const stack = await startConsumerStack(t);
    const { key } = await stack.createConsumer({ name: 'poller', account_ids: [stack.accountId] });
    const first = await stack.token(key, { account_id: stack.accountId, scopes: ['Mail.Read'] });
    const before = refreshes(stack);
    stack.clock.advance(45 * MINUTE);
    await stack.services.scheduler.tick();
    assert.equal(refreshes(stack), before, 'not yet due at 45 minutes');
    stack.clock.advance(5 * MINUTE);
    await stack.services.scheduler.tick();
    assert.equal(refreshes(stack), before + 1, 'renewed at 50 minutes');
    const later = await stack.token(key, { account_id: stack.accountId, scopes: ['Mail.Read'] });
    assert.notEqual(later.body.access_token, first.body.access_token);
    assert.ok(later.body.expires_in > 3000, 'the consumer got a fresh token from memory');
    assert.equal(refreshes(stack), before + 1);
  });

  it('stops renewing a scope set nobody asked for in three hours', async (t) => {
    const stack = await startConsumerStack(t);
    const { key } = await stack.createConsumer({ name: 'once', account_ids: [stack.accountId] });
    await stack.token(key, { account_id: stack.accountId, scopes: ['Mail.Read'] });
    const before = refreshes(stack);
    for (let minute = 0; minute < 6 * 60; minute += 10) {
      stack.clock.advance(10 * MINUTE);
      await stack.services.scheduler.tick();
    }
    assert.ok(refreshes(stack) - before <= 4, `at most the renewals inside the 3-hour window (${refreshes(stack) - before})`);
  });

  it('keeps an idle account alive past Microsoft’s 90-day inactivity limit with weekly, jittered refreshes', async (t) => {
    const stack = await startConsumerStack(t);
    const before = refreshes(stack);
    const refreshedAt: number[] = [];
    for (let day = 1; day <= 120; day += 1) {
      stack.clock.advance(DAY);
      const count = refreshes(stack);
      await stack.services.scheduler.tick();
      if (refreshes(stack) > count) refreshedAt.push(day);
    }
    const gaps = refreshedAt.map((day, index) => day - (refreshedAt[index - 1] ?? 0));
    assert.ok(gaps.every((gap) => gap >= 6 && gap <= 7), `refreshed every 6 to 7 days: ${gaps.join(', ')}`);
    assert.equal(refreshes(stack) - before, refreshedAt.length, 'one refresh per keep-alive');
    const view = await accountView(stack);
    const last = Date.parse(view.last_refresh_at);
    assert.equal(view.next_refresh_reason, 'keep_alive');
    const next = Date.parse(view.next_refresh_at);
    assert.ok(next > last + KEEP_ALIVE_INTERVAL_MS - KEEP_ALIVE_JITTER_MS && next <= last + KEEP_ALIVE_INTERVAL_MS, 'next keep-alive within 6–7 days');
    assert.equal(view.refresh_token_age_seconds, (120 - refreshedAt.at(-1)!) * 86_400, 'age counts from the last rotation');

    const { key } = await stack.createConsumer({ name: 'late', account_ids: [stack.accountId] });
    const late = await stack.token(key, { account_id: stack.accountId, force_refresh: true });
    assert.equal(late.status, 200, '120 days on, the refresh token still works');
    assert.equal((await accountView(stack)).refresh_token_age_seconds, 0, 'the refresh token was just rotated');
    stack.clock.advance(DAY);
    assert.equal((await accountView(stack)).refresh_token_age_seconds, 86_400);
  });

  it('(control) without the scheduler the same account lapses after 90 days, as Microsoft’s would', async (t) => {
    const stack = await startConsumerStack(t);
    const { key } = await stack.createConsumer({ name: 'late', account_ids: [stack.accountId] });
    stack.clock.advance(91 * DAY);
    const late = await stack.token(key, { account_id: stack.accountId, force_refresh: true });
    assert.equal(late.status, 409);
    assert.equal(late.body.error.aadsts, 700082);
  });

  it('shows the scheduler and each account’s refresh in the UI API', async (t) => {
    const stack = await startConsumerStack(t);
    const status = (await (await stack.service.ui('/api/status')).json()) as Json;
    assert.equal(status.refresh_scheduler.running, false, 'this test stopped it');
    assert.deepEqual(status.alerts, []);
    const view = await accountView(stack);
    for (const field of ['last_refresh_at', 'next_refresh_at', 'refresh_token_issued_at']) assert.equal(typeof view[field], 'string', field);
    assert.equal(view.refresh.state, 'ok');
    assert.equal(view.refresh.next_attempt_at, null);
    stack.services.scheduler.start();
    const running = (await (await stack.service.ui('/api/status')).json()) as Json;
    assert.equal(running.refresh_scheduler.running, true);
    assert.ok(Date.parse(running.refresh_scheduler.next_tick_at) > Date.parse(stack.clock.now().toISOString()) - 1000);
    stack.services.scheduler.stop();
  });
});
