// Alerts in standalone mode (no Home Assistant): a log line per condition, once, the same
// conditions in /api/status and the app registration views, and a line when they recover.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { startConsumerStack, type ConsumerStack } from '../helpers/consumer-stack.js';

type Json = Record<string, any>;

const DAY = 24 * 3_600_000;
const dayIn = (stack: ConsumerStack, days: number) => new Date(stack.clock.now().getTime() + days * DAY).toISOString().slice(0, 10);
const alerts = async (stack: ConsumerStack): Promise<Json[]> => ((await (await stack.service.ui('/api/status')).json()) as Json).alerts;
const logged = (stack: ConsumerStack, text: string) => stack.service.logs.filter((line) => line.includes(text)).length;

describe('alerts', () => {
  it('warns once per level as the client secret nears expiry, shows it in the UI API, and recovers on renewal', async (t) => {
    const stack = await startConsumerStack(t);
    const appId = stack.services.store.data.appRegistrations[0]!.id;
    const patch = (json: Record<string, unknown>) => stack.service.ui(`/api/app-registrations/${appId}`, { method: 'PATCH', json });
    assert.equal((await patch({ secret_expires_on: dayIn(stack, 20) })).status, 200);
    for (let i = 0; i < 3; i += 1) await stack.services.scheduler.tick();
    const first = await alerts(stack);
    assert.deepEqual(first.map((alert) => [alert.kind, alert.level]), [['secret_expiry', 'within_30_days']]);
    assert.match(first[0]!.message, /expires on \d{4}-\d{2}-\d{2}/);
    assert.equal(first[0]!.notified, false, 'standalone: nowhere to notify');
    assert.equal(logged(stack, 'alert: a client secret expires soon'), 1, 'one log line for three ticks');
    const app = (await (await stack.service.ui(`/api/app-registrations/${appId}`)).json()) as Json;
    assert.equal(app.secret_expiry.state, 'within_30_days');
    assert.equal(app.secret_expiry.days_left, 20);

    stack.clock.advance(14 * DAY);
    await stack.services.scheduler.tick();
    assert.equal((await alerts(stack))[0]!.level, 'within_7_days');
    stack.clock.advance(7 * DAY);
    await stack.services.scheduler.tick();
    await stack.services.scheduler.tick();
    assert.equal((await alerts(stack))[0]!.level, 'expired');
    assert.equal(logged(stack, 'alert: a client secret expires soon'), 3, 'one line per level');

    assert.equal((await patch({ secret_expires_on: dayIn(stack, 365) })).status, 200);
    await stack.services.scheduler.tick();
    assert.deepEqual(await alerts(stack), []);
    assert.equal(logged(stack, 'alert resolved'), 1);
    assert.deepEqual(stack.services.store.data.alerts, [], 'nothing left to remember');
  });

  it('alerts an account that must sign in again as soon as the broker marks it', async (t) => {
    const stack = await startConsumerStack(t);
    const { key } = await stack.createConsumer({ name: 'x', account_ids: [stack.accountId] });
    stack.emulator.failNext({ endpoint: 'token', aadsts: 700082 });
    assert.equal((await stack.token(key, { account_id: stack.accountId, force_refresh: true })).status, 409);
    await stack.services.alerts.evaluate(); // the broker already asked for one; this waits for it
    const [alert] = await alerts(stack);
    assert.equal(alert?.kind, 'account_needs_sign_in');
    assert.equal(alert?.subject_id, stack.accountId);
    assert.match(alert?.message ?? '', /AADSTS700082/);
    assert.equal(logged(stack, 'alert: an account must sign in again'), 1);
    const status = (await (await stack.service.ui('/api/status')).json()) as Json;
    assert.equal(status.counts.accounts_needing_sign_in, 1);
  });

  it('alerts an app registration Microsoft refused, with the fix', async (t) => {
    const stack = await startConsumerStack(t);
    const { key } = await stack.createConsumer({ name: 'x', account_ids: [stack.accountId] });
    stack.emulator.failNext({ endpoint: 'token', aadsts: 7000222 });
    assert.equal((await stack.token(key, { account_id: stack.accountId, force_refresh: true })).status, 409);
    await stack.services.alerts.evaluate();
    const [alert] = await alerts(stack);
    assert.equal(alert?.kind, 'configuration_problem');
    assert.match(alert?.message ?? '', /AADSTS7000222/);
  });
});
