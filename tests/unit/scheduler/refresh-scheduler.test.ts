import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { RefreshHealth } from '../../../server/broker/refresh-health.js';
import type { TokenInUse } from '../../../server/broker/token-broker.js';
import { AppError } from '../../../server/errors/app-error.js';
import { FIRST_TICK_DELAY_MS, RefreshScheduler, TICK_INTERVAL_MS, type SchedulerBroker } from '../../../server/scheduler/refresh-scheduler.js';
import type { Timers } from '../../../server/scheduler/timers.js';
import { capturedLogger, DAY, manualClock, sampleAccount, storeWith, T0 } from './fixtures.js';

interface Call {
  accountId: string;
  scopes: string[];
  options: unknown;
}

function fakeBroker(options: { uses?: TokenInUse[]; fail?: (accountId: string) => unknown; health?: Partial<RefreshHealth> } = {}) {
  const calls: Call[] = [];
  const broker: SchedulerBroker = {
    getToken: async (accountId, scopes, opts) => {
      calls.push({ accountId, scopes, options: opts });
      const failure = options.fail?.(accountId);
      if (failure) throw failure;
      return { accessToken: 'x', expiresOn: new Date(T0 + 3_600_000), scopes, fromCache: false };
    },
    tokensInUse: () => options.uses ?? [],
    health: () => (options.health ? ({ generation: 'g', consecutiveFailures: 0, nextAttemptAtMs: null, lastFailure: null, lastSuccessAtMs: null, ...options.health }) : undefined),
    prune: () => undefined,
  };
  return { broker, calls };
}

function manualTimers() {
  const pending: Array<{ run: () => void; ms: number; cleared: boolean }> = [];
  const timers: Timers = {
    setTimeout: (run, ms) => {
      const timer = { run, ms, cleared: false };
      pending.push(timer);
      return timer;
    },
    clearTimeout: (handle) => void ((handle as { cleared: boolean }).cleared = true),
  };
  return { timers, pending };
}

describe('refresh scheduler', () => {
  it('does nothing due before the keep-alive, then refreshes in the background with the account’s scopes', async (t) => {
    const store = await storeWith(t, {});
    const clock = manualClock(T0 + DAY);
    const { broker, calls } = fakeBroker();
    const scheduler = new RefreshScheduler({ store, broker, log: capturedLogger().log, now: clock.now });
    await scheduler.tick();
    assert.equal(calls.length, 0, 'one day after the last refresh nothing is due');
    clock.set(T0 + 7 * DAY);
    await scheduler.tick();
    assert.deepEqual(calls.map((call) => [call.accountId, call.scopes, call.options]), [['acc-1', ['User.Read', 'Mail.Read'], { forceRefresh: true, background: true }]]);
    assert.equal(scheduler.lastTickAt?.getTime(), T0 + 7 * DAY);
  });

  it('renews a scope set in use ten minutes before it expires, and only one refresh per account and tick', async (t) => {
    const store = await storeWith(t, { accounts: [sampleAccount({ lastRefreshAt: new Date(T0 - 8 * DAY).toISOString() })] });
    const clock = manualClock(T0);
    const use: TokenInUse = { accountId: 'acc-1', scopes: ['Mail.Read'], obtainedAtMs: T0 - 3_000_000, expiresAtMs: T0 + 500_000, lastUsedAtMs: T0 - 1000 };
    const { broker, calls } = fakeBroker({ uses: [use] });
    const scheduler = new RefreshScheduler({ store, broker, log: capturedLogger().log, now: clock.now });
    assert.equal(scheduler.nextRefresh('acc-1')?.reason, 'keep_alive', 'the overdue keep-alive comes first');
    await scheduler.tick();
    assert.deepEqual(calls.map((call) => call.scopes), [['Mail.Read']], 'the in-use refresh rotated the refresh token, which is all a keep-alive does');
  });

  it('stops an account’s turn at its first failure and goes on with the next account', async (t) => {
    const old = new Date(T0 - 8 * DAY).toISOString();
    const store = await storeWith(t, { accounts: [sampleAccount({ id: 'a', lastRefreshAt: old }), sampleAccount({ id: 'b', lastRefreshAt: old })] });
    const { broker, calls } = fakeBroker({ fail: (id) => (id === 'a' ? new AppError('token_unavailable') : undefined) });
    const captured = capturedLogger();
    const scheduler = new RefreshScheduler({ store, broker, log: captured.log, now: manualClock(T0).now });
    await scheduler.tick();
    assert.deepEqual(calls.map((call) => call.accountId), ['a', 'b']);
    assert.equal(captured.lines.some((line) => line.includes('crashed')), false, 'a classified failure is not a crash');
  });

  it('holds refreshes while the broker backs off, and never plans one for an account that must sign in', async (t) => {
    const store = await storeWith(t, {
      accounts: [sampleAccount({ lastRefreshAt: new Date(T0 - 8 * DAY).toISOString() }), sampleAccount({ id: 'dead', status: 'needs_sign_in' })],
    });
    const { broker, calls } = fakeBroker({ health: { nextAttemptAtMs: T0 + 60_000 } });
    const clock = manualClock(T0);
    const scheduler = new RefreshScheduler({ store, broker, log: capturedLogger().log, now: clock.now });
    await scheduler.tick();
    assert.equal(calls.length, 0);
    assert.equal(scheduler.nextRefresh('acc-1')?.atMs, T0 + 60_000);
    assert.equal(scheduler.nextRefresh('dead'), null);
    clock.advance(60_000);
    await scheduler.tick();
    assert.deepEqual(calls.map((call) => call.accountId), ['acc-1']);
  });

  it('ticks on its injected timers, runs the after-tick hook, and stops', async (t) => {
    const store = await storeWith(t, {});
    const { broker } = fakeBroker();
    const { timers, pending } = manualTimers();
    let afterTicks = 0;
    const scheduler = new RefreshScheduler({ store, broker, log: capturedLogger().log, now: manualClock().now, timers, afterTick: async () => void (afterTicks += 1) });
    scheduler.start();
    assert.equal(scheduler.running, true);
    assert.deepEqual(pending.map((timer) => timer.ms), [FIRST_TICK_DELAY_MS]);
    pending[0]!.run();
    await scheduler.tick(); // joins the tick the timer started
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(afterTicks, 1);
    assert.deepEqual(pending.map((timer) => timer.ms), [FIRST_TICK_DELAY_MS, TICK_INTERVAL_MS]);
    scheduler.stop();
    assert.equal(pending[1]!.cleared, true);
    assert.equal(scheduler.nextTickAt, null);
  });

  it('logs and survives an after-tick hook that throws', async (t) => {
    const store = await storeWith(t, {});
    const captured = capturedLogger();
    const scheduler = new RefreshScheduler({ store, broker: fakeBroker().broker, log: captured.log, now: manualClock().now, afterTick: async () => { throw new Error('boom'); } });
    await scheduler.tick();
    assert.ok(captured.lines.some((line) => line.includes('after-tick work failed')));
  });
});
