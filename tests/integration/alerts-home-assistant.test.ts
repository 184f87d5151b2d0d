// Alerts in add-on mode, against the emulated Home Assistant: a persistent notification per
// condition, linking to the add-on's panel, sent once however often alerts are evaluated, replaced
// when the condition worsens, and dismissed with a recovery notice when it clears.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { eventually, startAddonStack } from '../helpers/addon-stack.js';
import { CLIENT_ID, CLIENT_SECRET } from '../helpers/core-stack.js';

type Json = Record<string, any>;
const DAY = 24 * 3_600_000;
const dayIn = (days: number) => new Date(Date.now() + days * DAY).toISOString().slice(0, 10);

describe('alerts in Home Assistant', () => {
  it('notifies once with a link to the panel, escalates, and dismisses with a recovery notice', async (t) => {
    const stack = await startAddonStack();
    t.after(() => stack.close());
    const { alerts, homeAssistant } = stack.service.services;
    stack.service.services.scheduler.stop();
    await eventually(async () => (homeAssistant?.status().slug ? true : undefined), 'the add-on’s own info');

    const created = await stack.ingress('/api/app-registrations', {
      method: 'POST',
      json: { display_name: 'Home', client_id: CLIENT_ID, client_secret: CLIENT_SECRET, secret_expires_on: dayIn(20) },
    });
    assert.equal(created.status, 201, await created.clone().text());
    const appId = ((await created.json()) as Json).id as string;
    const id = `ms365_signin_secret_expiry_${appId.replace(/[^A-Za-z0-9]+/g, '_')}`;
    for (let i = 0; i < 3; i += 1) await alerts.evaluate();
    const first = stack.ha.core.notifications.get(id);
    assert.ok(first, 'a persistent notification');
    assert.match(first.title, /client secret of “Home” expires in 20 days/);
    assert.match(first.message, /\[Open the Microsoft 365 sign-in panel\]\(\/hassio\/ingress\/local_ms365_signin\)/);
    const calls = () => stack.ha.core.serviceCalls.filter((call: Json) => call.domain === 'persistent_notification').length;
    const sent = calls();

    await stack.ingress(`/api/app-registrations/${appId}`, { method: 'PATCH', json: { secret_expires_on: dayIn(3) } });
    await alerts.evaluate();
    await alerts.evaluate();
    assert.match(stack.ha.core.notifications.get(id)?.title ?? '', /expires in 3 days/, 'the worse level replaces the notification');
    assert.equal(calls(), sent + 1, 'one call for the new level, none for the repeats');
    const status = (await (await stack.ingress('/api/status')).json()) as Json;
    assert.deepEqual(status.alerts.map((alert: Json) => [alert.kind, alert.level, alert.notified]), [['secret_expiry', 'within_7_days', true]]);

    await stack.ingress(`/api/app-registrations/${appId}`, { method: 'PATCH', json: { secret_expires_on: dayIn(300) } });
    await alerts.evaluate();
    assert.equal(stack.ha.core.notifications.has(id), false, 'dismissed');
    assert.match(stack.ha.core.notifications.get(`${id}_resolved`)?.title ?? '', /client secret of “Home” renewed/);
  });
});
