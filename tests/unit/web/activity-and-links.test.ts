// The Activity page's result filter, and which MS365 entries use an account or app registration.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { AuditLine } from '../../../server/audit/audit-line.js';
import { accountChoices, consumerChoices, describeRequest, filterByResult, filterLines, resultChoices } from '../../../web/src/activity/audit-filter.js';
import { usedByAccount, usedByAppRegistration } from '../../../web/src/views/accounts/used-by.js';

const line = (result: string, extra: Partial<AuditLine> = {}): AuditLine => ({
  time: '2026-11-28T10:00:00.000Z', event: 'token', consumer_id: 'c1', consumer_name: 'Node-RED', account_id: 'a1', scopes: ['Calendars.Read'], result, status: result === 'ok' ? 200 : 403, ...extra,
});

describe('filterByResult', () => {
  const lines = [line('ok'), line('scope_forbidden'), line('needs_sign_in'), line('ok')];
  it('keeps all, the successes, the failures, or one failure code', () => {
    assert.equal(filterByResult(lines, 'all').length, 4);
    assert.equal(filterByResult(lines, 'ok').length, 2);
    assert.deepEqual(filterByResult(lines, 'failed').map((l) => l.result), ['scope_forbidden', 'needs_sign_in']);
    assert.deepEqual(filterByResult(lines, 'needs_sign_in').map((l) => l.result), ['needs_sign_in']);
  });

  it('offers the fixed choices, then each failure code present, sorted', () => {
    assert.deepEqual(resultChoices(lines).map((c) => c.value), ['all', 'ok', 'failed', 'needs_sign_in', 'scope_forbidden']);
  });
});

describe('filterLines', () => {
  const lines = [
    line('ok', { consumer_id: 'c1', consumer_name: 'Node-RED calendar', account_id: 'a1' }),
    line('account_forbidden', { consumer_id: 'c2', consumer_name: 'AppDaemon', account_id: 'a2' }),
    line('ok', { consumer_id: 'c1', consumer_name: 'Node-RED', account_id: 'a2' }),
    line('unauthorized', { event: 'denied', consumer_id: null, consumer_name: null, account_id: null }),
  ];
  it('narrows by consumer, account and result together', () => {
    assert.equal(filterLines(lines, { result: 'all', consumer: 'c1', account: 'all' }).length, 2);
    assert.equal(filterLines(lines, { result: 'all', consumer: 'all', account: 'a2' }).length, 2);
    assert.equal(filterLines(lines, { result: 'ok', consumer: 'all', account: 'a2' }).length, 1);
    assert.equal(filterLines(lines, { result: 'all', consumer: 'c1', account: 'a2' }).length, 1);
    assert.equal(filterLines(lines, { result: 'all', consumer: 'none', account: 'none' }).length, 1);
  });
  it('offers each consumer by its newest name and each account by its address', () => {
    assert.deepEqual(consumerChoices(lines).map((c) => c.label), ['All consumers', 'AppDaemon', 'No valid key', 'Node-RED calendar']);
    assert.deepEqual(accountChoices(lines, [{ id: 'a1', username: 'adele@contoso.onmicrosoft.com' }]).map((c) => c.label),
      ['All accounts', 'A removed account (a2)', 'adele@contoso.onmicrosoft.com', 'No account']);
  });
});

describe('describeRequest', () => {
  it('names a token, a Graph call and a refusal', () => {
    assert.equal(describeRequest(line('ok')), 'Token');
    assert.equal(describeRequest(line('ok', { event: 'graph', method: 'GET', path: '/v1.0/me/events' })), 'Graph GET /v1.0/me/events');
    assert.equal(describeRequest(line('rate_limited', { event: 'denied', method: 'POST', path: '/v1/token' })), 'Refused: POST /v1/token');
    assert.equal(describeRequest(line('unauthorized', { event: 'denied' })), 'Refused');
  });
  it('names a consumer changed in the panel, with what changed', () => {
    assert.equal(describeRequest(line('ok', { event: 'consumer_changed', changed: ['name', 'allowed_scopes'] })), 'Consumer changed: name, permissions');
  });
});

describe('used by MS365 entries', () => {
  const entries = [
    { entry_id: 'e1', domain_label: 'MS365 Calendar', title: 'Family', account_id: 'a1', app_registration_id: 'r1' },
    { entry_id: 'e2', domain_label: 'MS365 ToDo', title: '', account_id: 'a1', app_registration_id: 'r2' },
    { entry_id: 'e3', domain_label: 'MS365 Mail', title: 'Office', account_id: null, app_registration_id: null },
  ];
  it('labels an account and an app registration with each entry that uses it', () => {
    assert.deepEqual(usedByAccount(entries, 'a1'), ['Used by the MS365 Calendar entry Family', 'Used by the MS365 ToDo entry e2']);
    assert.deepEqual(usedByAppRegistration(entries, 'r2'), ['Used by the MS365 ToDo entry e2']);
    assert.deepEqual(usedByAccount(entries, 'nobody'), []);
  });
});
