// Each failure class driven through the Microsoft emulator's switches with a clock the test moves:
// a dead grant stops refreshing, a refused app registration is marked with its fix, a passing outage
// backs off (honouring Retry-After) while good tokens keep flowing, and recovery clears every mark.
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, it } from 'node:test';
import { CONFIGURATION_RETRY_MS } from '../../server/broker/backoff.js';
import { startConsumerStack, type ConsumerStack } from '../helpers/consumer-stack.js';
import { leakedSecrets } from '../helpers/service.js';
import { CLIENT_SECRET } from '../helpers/core-stack.js';

type Json = Record<string, any>;

const refreshes = (stack: ConsumerStack) => stack.emulator.stats.tokenRequests.refresh_token ?? 0;
const accountView = async (stack: ConsumerStack): Promise<Json> =>
  ((await (await stack.service.ui('/api/accounts')).json()) as Json).accounts.find((a: Json) => a.id === stack.accountId);
const status = async (stack: ConsumerStack): Promise<Json> => (await (await stack.service.ui('/api/status')).json()) as Json;

async function withKey(stack: ConsumerStack): Promise<string> {
  return (await stack.createConsumer({ name: 'tests', account_ids: [stack.accountId], rate_limit_per_minute: 100_000 })).key as string;
}

describe('failure class: sign in again', () => {
  for (const fault of [
    { aadsts: 700082, label: 'refresh token expired from inactivity (invalid_grant, no suberror)' },
    { aadsts: 50173, label: 'grant revoked (bad_token)' },
    { aadsts: 50076, label: 'MFA now required (basic_action)' },
    { aadsts: 70008, label: 'expired grant' },
  ]) {
    it(`marks the account, stops refreshing and answers 409 with the diagnosis: ${fault.label}`, async (t) => {
      const stack = await startConsumerStack(t);
      const key = await withKey(stack);
      stack.emulator.failNext({ endpoint: 'token', aadsts: fault.aadsts });
      const first = await stack.token(key, { account_id: stack.accountId, force_refresh: true });
      assert.equal(first.status, 409);
      assert.equal(first.body.error.code, 'needs_sign_in');
      assert.equal(first.body.error.aadsts, fault.aadsts);
      assert.equal(first.body.error.diagnosis.class, 'sign_in_again');
      assert.ok(first.body.error.diagnosis.fix);
      const calls = refreshes(stack);
      for (const body of [{ account_id: stack.accountId }, { account_id: stack.accountId, force_refresh: true }]) {
        const again = await stack.token(key, body);
        assert.equal(again.status, 409);
        assert.equal(again.body.error.diagnosis.class, 'sign_in_again', 'later answers still carry the diagnosis');
        assert.equal(again.body.error.aadsts, fault.aadsts);
      }
      stack.clock.advance(30 * 24 * 3_600_000);
      await stack.services.scheduler.tick();
      assert.equal(refreshes(stack), calls, 'no retry storm: neither consumers nor the scheduler ask Microsoft again');
      const view = await accountView(stack);
      assert.equal(view.status, 'needs_sign_in');
      assert.equal(view.refresh.state, 'needs_sign_in');
      assert.equal(view.next_refresh_at, null);
    });
  }

  it('recovers by itself once the account signs in again: tokens flow, the mark and the alert clear', async (t) => {
    const stack = await startConsumerStack(t);
    const key = await withKey(stack);
    stack.emulator.revokeRefreshTokens();
    assert.equal((await stack.token(key, { account_id: stack.accountId, force_refresh: true })).status, 409);
    await stack.services.alerts.evaluate();
    assert.deepEqual((await status(stack)).alerts.map((alert: Json) => alert.kind), ['account_needs_sign_in']);
    assert.ok(stack.service.logs.some((line) => line.includes('alert: an account must sign in again')));
    assert.equal(await stack.signIn(), stack.accountId, 'signing in again keeps the account');
    const after = await stack.token(key, { account_id: stack.accountId, force_refresh: true });
    assert.equal(after.status, 200);
    await stack.services.alerts.evaluate();
    assert.deepEqual((await status(stack)).alerts, []);
    assert.ok(stack.service.logs.some((line) => line.includes('alert resolved')));
    assert.equal((await accountView(stack)).refresh.state, 'ok');
  });
});

describe('failure class: configuration', () => {
  it('marks the app registration with the fix, keeps serving good tokens, and clears the mark when Microsoft accepts it again', async (t) => {
    const stack = await startConsumerStack(t);
    const key = await withKey(stack);
    const cached = await stack.token(key, { account_id: stack.accountId, scopes: ['Mail.Read'] });
    stack.emulator.failNext({ endpoint: 'token', aadsts: 7000222 });
    const refused = await stack.token(key, { account_id: stack.accountId, scopes: ['Mail.Read'], force_refresh: true });
    assert.equal(refused.status, 409);
    assert.equal(refused.body.error.code, 'configuration_problem');
    assert.equal(refused.body.error.aadsts, 7000222);
    assert.equal(refused.body.error.diagnosis.class, 'configuration');
    const apps = ((await (await stack.service.ui('/api/app-registrations')).json()) as Json).app_registrations;
    assert.equal(apps[0].configuration_problem.aadsts, 7000222);
    assert.ok(apps[0].configuration_problem.fix.length > 10, 'the mark carries the fix');

    const calls = refreshes(stack);
    const plain = await stack.token(key, { account_id: stack.accountId, scopes: ['Mail.Read'] });
    assert.equal(plain.status, 200, 'a token that still works is still served');
    assert.equal(plain.body.access_token, cached.body.access_token);
    const forced = await stack.token(key, { account_id: stack.accountId, scopes: ['Mail.Read'], force_refresh: true });
    assert.equal(forced.status, 409);
    assert.equal(forced.body.error.code, 'configuration_problem');
    assert.equal(refreshes(stack), calls, 'a refused app registration is not retried on every request');

    stack.clock.advance(CONFIGURATION_RETRY_MS + 1000);
    const healed = await stack.token(key, { account_id: stack.accountId, scopes: ['Mail.Read'], force_refresh: true });
    assert.equal(healed.status, 200, 'tried again after the retry interval; Microsoft accepts the app again');
    const after = ((await (await stack.service.ui('/api/app-registrations')).json()) as Json).app_registrations;
    assert.equal(after[0].configuration_problem, null, 'recovery cleared the mark by itself');
  });
});

describe('failure class: transient', () => {
  it('honours Retry-After by the service clock, serves the cached token meanwhile, and answers 503 to whoever wants a fresh one', async (t) => {
    const stack = await startConsumerStack(t);
    const key = await withKey(stack);
    const cached = await stack.token(key, { account_id: stack.accountId, scopes: ['Mail.Read'] });
    stack.emulator.failNext({ endpoint: 'token', status: 429, retryAfterSeconds: 120 });
    const throttled = await stack.token(key, { account_id: stack.accountId, scopes: ['Mail.Read'], force_refresh: true });
    assert.equal(throttled.status, 503);
    assert.equal(throttled.body.error.code, 'token_unavailable');
    assert.equal(throttled.body.error.diagnosis.class, 'transient');
    assert.equal(throttled.headers.get('retry-after'), '120');
    const calls = refreshes(stack);

    stack.clock.advance(60_000);
    const meanwhile = await stack.token(key, { account_id: stack.accountId, scopes: ['Mail.Read'] });
    assert.equal(meanwhile.status, 200);
    assert.equal(meanwhile.body.access_token, cached.body.access_token, 'the still-valid token keeps being served');
    for (const body of [
      { account_id: stack.accountId, scopes: ['Mail.Read'], force_refresh: true },
      { account_id: stack.accountId, scopes: ['Calendars.Read'] }, // never cached: needs a fresh token
    ]) {
      const waiting = await stack.token(key, body);
      assert.equal(waiting.status, 503, JSON.stringify(body));
      assert.equal(waiting.headers.get('retry-after'), '60', 'the rest of the wait');
    }
    assert.equal(refreshes(stack), calls, 'nothing reaches Microsoft before Retry-After');
    const view = await accountView(stack);
    assert.equal(view.refresh.state, 'retrying');
    assert.equal(view.refresh.consecutive_failures, 1);
    assert.equal(view.refresh.last_failure.class, 'transient');

    // msal would still refuse locally by the real clock; the broker's back-off is what decides.
    stack.clock.advance(61_000);
    const recovered = await stack.token(key, { account_id: stack.accountId, scopes: ['Mail.Read'], force_refresh: true });
    assert.equal(recovered.status, 200);
    assert.equal(refreshes(stack), calls + 1);
    assert.equal((await accountView(stack)).refresh.state, 'ok');
    assert.ok(stack.service.logs.some((line) => line.includes('token refresh works again')));
  });

  for (const fault of [
    { status: 503, label: '503 temporarily_unavailable' },
    { status: 500, aadsts: 50000, error: 'server_error', label: '500 server_error' },
    { kind: 'network_drop' as const, label: 'dropped connection' },
    { kind: 'malformed' as const, label: 'HTML instead of JSON' },
  ]) {
    it(`backs off exponentially with jitter after ${fault.label}`, async (t) => {
      const stack = await startConsumerStack(t);
      const key = await withKey(stack);
      const waits: number[] = [];
      for (let attempt = 0; attempt < 3; attempt += 1) {
        const { label: _label, ...spec } = fault;
        stack.emulator.failNext({ endpoint: 'token', ...spec });
        const answer = await stack.token(key, { account_id: stack.accountId, force_refresh: true });
        assert.equal(answer.status, 503, `attempt ${attempt + 1}`);
        assert.equal(answer.body.error.code, 'token_unavailable');
        waits.push(Number(answer.headers.get('retry-after')));
        stack.clock.advance(waits.at(-1)! * 1000 + 1000);
      }
      assert.ok(waits[0]! >= 15 && waits[0]! <= 30, `first wait ${waits[0]} s`);
      assert.ok(waits[1]! >= 30 && waits[1]! <= 60, `second wait ${waits[1]} s`);
      assert.ok(waits[2]! >= 60 && waits[2]! <= 120, `third wait ${waits[2]} s`);
      const ok = await stack.token(key, { account_id: stack.accountId, force_refresh: true });
      assert.equal(ok.status, 200, 'recovers when Microsoft does');
      assert.equal((await accountView(stack)).status, 'ok', 'a transient failure never marks the account');
    });
  }

  it('never follows a token endpoint’s redirect: the secret and refresh token go nowhere else, and it counts as an outage', async (t) => {
    // Where a hijacking proxy would send the replayed POST: it records whatever reaches it.
    const received: string[] = [];
    const recorder = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
      req.on('end', () => { received.push(`${req.method} ${req.url} ${body}`); res.end('{}'); });
    });
    await new Promise<void>((resolve) => recorder.listen(0, '127.0.0.1', resolve));
    t.after(() => new Promise<void>((resolve) => recorder.close(() => resolve())));
    const location = `http://127.0.0.1:${(recorder.address() as AddressInfo).port}/steal`;
    const stack = await startConsumerStack(t);
    const key = await withKey(stack);
    for (const status of [307, 308]) {
      stack.emulator.failNext({ endpoint: 'token', kind: 'redirect', status, location });
      const answer = await stack.token(key, { account_id: stack.accountId, force_refresh: true });
      assert.equal(answer.status, 503, `after a ${status}`);
      assert.equal(answer.body.error.code, 'token_unavailable');
      stack.clock.advance(Number(answer.headers.get('retry-after')) * 1000 + 1000);
    }
    assert.deepEqual(received, [], 'nothing reached the redirect target');
    assert.equal((await accountView(stack)).status, 'ok', 'not the account’s fault');
    assert.deepEqual(leakedSecrets(stack.service.logs, [CLIENT_SECRET]), []);
    assert.equal((await stack.token(key, { account_id: stack.accountId, force_refresh: true })).status, 200, 'recovers when Microsoft answers again');
  });

  it('lets the scheduler retry after the back-off, not before', async (t) => {
    const stack = await startConsumerStack(t, { tokenLifetimeS: 1200 });
    const key = await withKey(stack);
    assert.equal((await stack.token(key, { account_id: stack.accountId, scopes: ['Mail.Read'] })).status, 200);
    stack.clock.advance(11 * 60_000); // the 20-minute token is now within the 10-minute proactive margin
    stack.emulator.failNext({ endpoint: 'token', status: 503, retryAfterSeconds: 300 });
    const before = refreshes(stack);
    await stack.services.scheduler.tick();
    assert.equal(refreshes(stack), before + 1, 'the scheduler tried, and failed');
    stack.clock.advance(120_000);
    await stack.services.scheduler.tick();
    assert.equal(refreshes(stack), before + 1, 'not again inside Retry-After');
    stack.clock.advance(181_000);
    await stack.services.scheduler.tick();
    assert.equal(refreshes(stack), before + 2, 'and again once it passed');
    assert.equal((await accountView(stack)).refresh.state, 'ok');
    assert.deepEqual(leakedSecrets(stack.service.logs, [key, CLIENT_SECRET]), []);
  });
});
