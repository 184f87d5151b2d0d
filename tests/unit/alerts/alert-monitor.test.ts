import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AlertMonitor, notificationId } from '../../../server/alerts/alert-monitor.js';
import { homeAssistantNotifier, type AlertNotification, type Notifier } from '../../../server/alerts/notifier.js';
import type { HomeAssistant } from '../../../server/ha/home-assistant.js';
import { capturedLogger, DAY, manualClock, sampleAccount, sampleApp, storeWith, T0 } from '../scheduler/fixtures.js';

function fakeNotifier(options: { accept?: () => boolean; panel?: string | null } = {}) {
  const sent: AlertNotification[] = [];
  const dismissed: string[] = [];
  const notifier: Notifier = {
    notify: async (notification) => {
      sent.push(notification);
      return options.accept?.() ?? true;
    },
    dismiss: async (id) => void dismissed.push(id),
    panelPath: () => (options.panel === undefined ? '/hassio/ingress/1a2b3c4d_ms365_signin' : options.panel),
  };
  return { notifier, sent, dismissed };
}

const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

describe('alert monitor', () => {
  it('alerts an account that must sign in once, with a panel link, and once more when it recovers', async (t) => {
    const detail = { code: 'needs_sign_in', title: 'The sign-in expired after 90 days without use', fix: 'Sign in again.', aadsts: 700082, since: new Date(T0).toISOString() };
    const store = await storeWith(t, { accounts: [sampleAccount({ status: 'needs_sign_in', statusDetail: detail })] });
    const { notifier, sent, dismissed } = fakeNotifier();
    const captured = capturedLogger();
    const monitor = new AlertMonitor({ store, log: captured.log, now: manualClock().now, notifier });
    await monitor.evaluate();
    await monitor.evaluate();
    await monitor.evaluate();
    assert.equal(sent.length, 1, 'one notification however often it is evaluated');
    assert.equal(sent[0]!.id, notificationId('account_needs_sign_in:acc-1'));
    assert.match(sent[0]!.title, /ada@example\.com must sign in again/);
    assert.match(sent[0]!.message, /AADSTS700082/);
    assert.match(sent[0]!.message, /\[Open the Microsoft 365 sign-in panel\]\(\/hassio\/ingress\/1a2b3c4d_ms365_signin\)/);
    assert.equal(captured.lines.filter((line) => line.includes('must sign in again')).length, 1, 'one log line');
    assert.equal(captured.lines.some((line) => line.includes('ada@example.com')), false, 'the log names ids, not people');
    assert.deepEqual(store.data.alerts.map((record) => [record.id, record.delivered]), [['account_needs_sign_in:acc-1', true]]);
    assert.equal(monitor.active()[0]?.notified, true);

    await store.update((draft) => {
      draft.accounts[0]!.status = 'ok';
      draft.accounts[0]!.statusDetail = null;
    });
    await monitor.evaluate();
    await monitor.evaluate();
    assert.deepEqual(dismissed, [notificationId('account_needs_sign_in:acc-1')]);
    assert.equal(sent.length, 2);
    assert.match(sent[1]!.title, /works again/);
    assert.deepEqual(store.data.alerts, []);
    assert.equal(captured.lines.filter((line) => line.includes('alert resolved')).length, 1);
  });

  it('escalates a client secret from 30 days to 7 days to expired, one alert per level, and not back down', async (t) => {
    const store = await storeWith(t, { apps: [sampleApp({ secretExpiresOn: day(T0 + 20 * DAY) })], accounts: [] });
    const clock = manualClock(T0);
    const { notifier, sent } = fakeNotifier();
    const monitor = new AlertMonitor({ store, log: capturedLogger().log, now: clock.now, notifier });
    const titles = async () => {
      await monitor.evaluate();
      return sent.map((notification) => notification.title);
    };
    assert.deepEqual(await titles(), ['Microsoft 365: the client secret of “Home” expires in 20 days']);
    clock.advance(5 * DAY);
    assert.equal((await titles()).length, 1, 'still within 30 days: no new alert');
    clock.advance(10 * DAY);
    assert.deepEqual((await titles()).slice(1), ['Microsoft 365: the client secret of “Home” expires in 5 days']);
    clock.advance(6 * DAY);
    assert.deepEqual((await titles()).slice(2), ['Microsoft 365: the client secret of “Home” has expired']);
    clock.advance(30 * DAY);
    assert.equal((await titles()).length, 3);
    await store.update((draft) => void (draft.appRegistrations[0]!.secretExpiresOn = day(clock.now().getTime() + 365 * DAY)));
    assert.deepEqual((await titles()).slice(3), ['Microsoft 365: client secret of “Home” renewed']);
  });

  it('alerts a refused app registration with its fix', async (t) => {
    const problem = { code: 'configuration_problem', title: 'The client secret has expired', fix: 'Create a new client secret.', aadsts: 7000222, since: new Date(T0).toISOString() };
    const store = await storeWith(t, { apps: [sampleApp({ configurationProblem: problem })], accounts: [] });
    const { notifier, sent } = fakeNotifier();
    await new AlertMonitor({ store, log: capturedLogger().log, now: manualClock().now, notifier }).evaluate();
    assert.match(sent[0]!.message, /The client secret has expired \(AADSTS7000222\)\. Create a new client secret\./);
  });

  it('retries a notification Home Assistant did not take, without a second log line', async (t) => {
    const store = await storeWith(t, { accounts: [sampleAccount({ status: 'needs_sign_in' })] });
    let up = false;
    const { notifier, sent } = fakeNotifier({ accept: () => up, panel: null });
    const captured = capturedLogger();
    const monitor = new AlertMonitor({ store, log: captured.log, now: manualClock().now, notifier });
    await monitor.evaluate();
    assert.equal(store.data.alerts[0]?.delivered, false);
    assert.match(sent[0]!.message, /Settings → Add-ons/, 'without the panel path, says where the panel is');
    up = true;
    await monitor.evaluate();
    await monitor.evaluate();
    assert.equal(sent.length, 2);
    assert.equal(store.data.alerts[0]?.delivered, true);
    assert.equal(captured.lines.filter((line) => line.includes('must sign in again')).length, 1);
  });

  it('logs only, in standalone mode, and remembers across a restart', async (t) => {
    const store = await storeWith(t, { accounts: [sampleAccount({ status: 'needs_sign_in' })] });
    const first = capturedLogger();
    await new AlertMonitor({ store, log: first.log, now: manualClock().now, notifier: null }).evaluate();
    const second = capturedLogger();
    await new AlertMonitor({ store, log: second.log, now: manualClock().now, notifier: null }).evaluate();
    assert.equal(first.lines.filter((line) => line.includes('must sign in again')).length, 1);
    assert.equal(second.lines.length, 0, 'already alerted before the "restart"');
  });

  it('adapts Home Assistant’s notification calls and panel path', async () => {
    const calls: string[] = [];
    const ha = {
      notify: async (n: AlertNotification) => (calls.push(`notify ${n.id}`), { ok: true }),
      dismissNotification: async (id: string) => (calls.push(`dismiss ${id}`), { ok: false }),
      status: () => ({ slug: '1a2b3c4d_ms365_signin' }),
    } as unknown as HomeAssistant; // only the three methods the adapter uses
    const notifier = homeAssistantNotifier(ha);
    assert.equal(await notifier.notify({ id: 'x', title: 't', message: 'm' }), true);
    await notifier.dismiss('x');
    assert.deepEqual(calls, ['notify x', 'dismiss x']);
    assert.equal(notifier.panelPath(), '/hassio/ingress/1a2b3c4d_ms365_signin');
  });
});
