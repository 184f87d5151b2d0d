// "Check what works" end to end: the real service, the Microsoft emulator's $batch, every verdict
// (works, missing_permission, not_available, not_shared, refused), every refusal of the routes, the
// retry on 429 with Retry-After, the check after a sign-in, and no mail/event/contact content in logs.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULT_PERSONAL_USER, DEFAULT_WORK_USER } from '../emulators/microsoft/index.js';
import { SAMPLE_CALENDARS, SAMPLE_CHATS, SAMPLE_CONTACTS, SAMPLE_MAIL_FOLDERS, SAMPLE_TODO_LISTS } from '../emulators/microsoft/graph-features.js';
import { startConsumerStack } from '../helpers/consumer-stack.js';
import { entryData, startMs365Stack } from '../helpers/ms365-stack.js';

type Json = Record<string, any>;
type Feature = { feature: string; verdict: string; detail: string; count?: number; permission?: string };

const verdicts = (body: Json) => Object.fromEntries((body.features as Feature[]).map((f) => [f.feature, f.verdict]));
const feature = (body: Json, id: string) => (body.features as Feature[]).find((f) => f.feature === id);

/** Names and subjects of the emulator's sample content: none may reach a log line. */
const CONTENT = [
  ...SAMPLE_CALENDARS.map((c) => c.name),
  ...SAMPLE_MAIL_FOLDERS.filter((f) => f.displayName.length >= 6).map((f) => f.displayName),
  ...SAMPLE_TODO_LISTS.map((l) => l.displayName),
  ...SAMPLE_CONTACTS.map((c) => c.displayName),
  ...SAMPLE_CHATS.map((c) => c.topic),
  'Welcome to the emulator',
  'Team sync',
];

describe('Check what works for an account', () => {
  it('reads each feature once in one $batch and says what works, with counts, and logs no content', async (t) => {
    const stack = await startConsumerStack(t, { scopes: ['Calendars.Read', 'Mail.Read', 'Tasks.Read', 'Contacts.Read', 'Presence.Read', 'Chat.Read'] });
    const before = stack.emulator.stats.graphRequests;
    const response = await stack.service.ui(`/api/accounts/${stack.accountId}/capabilities`, { method: 'POST' });
    assert.equal(response.status, 200);
    const body = (await response.json()) as Json;
    assert.equal(stack.emulator.stats.graphRequests - before, 1, 'one $batch request');
    assert.ok(!Number.isNaN(Date.parse(body.checked_at)));
    assert.deepEqual(verdicts(body), { profile: 'works', calendars: 'works', mail_folders: 'works', todo_lists: 'works', contacts: 'works', presence: 'works', chats: 'works' });
    assert.equal(feature(body, 'calendars')?.count, 3);
    assert.equal(feature(body, 'calendars')?.detail, '3 calendars');
    assert.equal(feature(body, 'mail_folders')?.count, 6);
    assert.equal(feature(body, 'chats')?.detail, '1 chat');
    const text = JSON.stringify(body) + stack.service.logs.join('\n');
    for (const content of CONTENT) assert.ok(!text.includes(content), `"${content}" leaked into the answer or a log line`);
  });

  it('names the permission Microsoft did not grant and the Entra step to add it', async (t) => {
    const stack = await startConsumerStack(t, { scopes: ['Calendars.Read'] });
    stack.emulator.withholdScopes(['Tasks.Read']);
    const accountId = await stack.signIn(['Calendars.Read', 'Tasks.Read']);
    const body = (await (await stack.service.ui(`/api/accounts/${accountId}/capabilities`, { method: 'POST' })).json()) as Json;
    const todo = feature(body, 'todo_lists');
    assert.equal(todo?.verdict, 'missing_permission');
    assert.equal(todo?.permission, 'Tasks.Read');
    assert.match(todo?.detail ?? '', /API permissions → Add a permission → Microsoft Graph → Delegated permissions → Tasks\.Read/);
    assert.match(todo?.detail ?? '', /guide step 7/);
    assert.equal(feature(body, 'calendars')?.verdict, 'works');
  });

  it('says Teams is not available for a personal account', async (t) => {
    const stack = await startConsumerStack(t, { scopes: ['Calendars.Read'] });
    const app = stack.services.store.data.appRegistrations[0]!;
    const started = await stack.startSignIn(app.id, { scopes: ['Calendars.Read', 'Presence.Read', 'Chat.Read'] });
    const result = (await (await stack.paste(await stack.landOn(started.authorize_url, { username: DEFAULT_PERSONAL_USER.username }))).json()) as Json;
    // The result screen already carries the check.
    assert.equal(feature(result.capabilities, 'presence')?.verdict, 'not_available');
    const body = (await (await stack.service.ui(`/api/accounts/${result.account.id}/capabilities`, { method: 'POST' })).json()) as Json;
    assert.deepEqual(verdicts(body), { profile: 'works', calendars: 'works', presence: 'not_available', chats: 'not_available' });
    assert.match(feature(body, 'presence')?.detail ?? '', /personal Microsoft accounts/);
  });

  it('says To Do is not available when Microsoft never set it up for the user', async (t) => {
    const stack = await startConsumerStack(t, { scopes: ['Calendars.Read'] });
    stack.emulator.addUser({ username: 'newbie@contoso.onmicrosoft.com', name: 'New Bie', todo: false });
    const app = stack.services.store.data.appRegistrations[0]!;
    const started = await stack.startSignIn(app.id, { scopes: ['Tasks.Read'] });
    const result = (await (await stack.paste(await stack.landOn(started.authorize_url, { username: 'newbie@contoso.onmicrosoft.com' }))).json()) as Json;
    const body = (await (await stack.service.ui(`/api/accounts/${result.account.id}/capabilities`, { method: 'POST' })).json()) as Json;
    assert.equal(feature(body, 'todo_lists')?.verdict, 'not_available');
    assert.match(feature(body, 'todo_lists')?.detail ?? '', /To Do is not set up/);
  });

  it('retries a throttled batch after Retry-After and reports a long throttle as refused with the diagnosis', async (t) => {
    const stack = await startConsumerStack(t, { scopes: ['Calendars.Read'] });
    stack.emulator.failNext({ endpoint: 'graph', status: 429, retryAfterSeconds: 0 });
    const before = stack.emulator.stats.graphRequests;
    const retried = (await (await stack.service.ui(`/api/accounts/${stack.accountId}/capabilities`, { method: 'POST' })).json()) as Json;
    assert.equal(feature(retried, 'calendars')?.verdict, 'works');
    assert.equal(stack.emulator.stats.graphRequests - before, 2, 'the SDK retry handler sent the batch again');
    // Retry-After beyond what a person waits for: no retry, the refusal is reported instead.
    stack.emulator.failNext({ endpoint: 'graph', status: 429, retryAfterSeconds: 120, count: 3 });
    const refused = (await (await stack.service.ui(`/api/accounts/${stack.accountId}/capabilities`, { method: 'POST' })).json()) as Json;
    assert.equal(feature(refused, 'calendars')?.verdict, 'refused');
    assert.match(feature(refused, 'calendars')?.detail ?? '', /HTTP 429/);
  });

  it('refuses an unknown account', async (t) => {
    const stack = await startConsumerStack(t);
    const response = await stack.service.ui('/api/accounts/no-such-account/capabilities', { method: 'POST' });
    assert.equal(response.status, 404);
    assert.equal(((await response.json()) as Json).error.code, 'account_not_found');
  });

  it('reports a sign-in whose check could not reach Graph without failing the sign-in', async (t) => {
    const stack = await startConsumerStack(t);
    stack.emulator.failNext({ endpoint: 'graph', kind: 'network_drop', count: 10 });
    const app = stack.services.store.data.appRegistrations[0]!;
    const started = await stack.startSignIn(app.id, { scopes: ['Calendars.Read'] });
    const response = await stack.paste(await stack.landOn(started.authorize_url));
    assert.equal(response.status, 200);
    const result = (await response.json()) as Json;
    assert.ok(result.account.id);
    assert.equal(feature(result.capabilities, 'calendars')?.verdict, 'refused');
  });
});

describe('Check what works for consumers: GET /v1/accounts/:id/capabilities', () => {
  it('answers within the key’s permissions, writes an audit line, and refuses other accounts', async (t) => {
    const stack = await startConsumerStack(t, { scopes: ['Calendars.Read', 'Mail.Read'] });
    const limited = await stack.createConsumer({ name: 'Calendar only', account_ids: [stack.accountId], allowed_scopes: ['Calendars.Read'] });
    const response = await stack.service.api(`/v1/accounts/${stack.accountId}/capabilities`, { key: limited.key });
    assert.equal(response.status, 200);
    assert.deepEqual(verdicts((await response.json()) as Json), { calendars: 'works' });

    const open = await stack.createConsumer({ name: 'Everything', account_ids: [stack.accountId] });
    const all = (await (await stack.service.api(`/v1/accounts/${stack.accountId}/capabilities`, { key: open.key })).json()) as Json;
    assert.deepEqual(verdicts(all), { profile: 'works', calendars: 'works', mail_folders: 'works' });

    const app = stack.services.store.data.appRegistrations[0]!;
    const started = await stack.startSignIn(app.id, { scopes: ['Calendars.Read'] });
    const other = ((await (await stack.paste(await stack.landOn(started.authorize_url, { username: DEFAULT_PERSONAL_USER.username }))).json()) as Json).account.id as string;
    assert.notEqual(other, stack.accountId);
    const forbidden = await stack.service.api(`/v1/accounts/${other}/capabilities`, { key: limited.key });
    assert.equal(forbidden.status, 403);
    assert.equal(((await forbidden.json()) as Json).error.code, 'account_forbidden');
    assert.equal((await stack.service.api(`/v1/accounts/${stack.accountId}/capabilities`)).status, 401);

    const entries = ((await (await stack.service.ui('/api/audit?limit=10')).json()) as Json).entries as Json[];
    assert.deepEqual(entries.slice(0, 3).map((line) => [line.event, line.result, line.status]), [
      ['denied', 'unauthorized', 401],
      ['denied', 'account_forbidden', 403],
      ['capabilities', 'ok', 200],
    ]);
    assert.equal(entries[2]!.path, '/v1/accounts/:id/capabilities');
  });

  it('refuses an account that was removed after the key was made', async (t) => {
    const stack = await startConsumerStack(t);
    const key = await stack.createConsumer({ name: 'Reader', account_ids: [stack.accountId] });
    await stack.service.ui(`/api/accounts/${stack.accountId}`, { method: 'DELETE' });
    const response = await stack.service.api(`/v1/accounts/${stack.accountId}/capabilities`, { key: key.key });
    // Removing an account also takes it off every key's list, so the key is refused before the lookup.
    assert.equal(response.status, 403);
    assert.equal(((await response.json()) as Json).error.code, 'account_forbidden');
  });
});

describe('Check what works for an MS365 entry', () => {
  it('checks the entry’s shared mailbox: not shared, then shared', async (t) => {
    const stack = await startMs365Stack(t);
    stack.microsoft.addUser({ username: 'room@contoso.onmicrosoft.com', name: 'Room' });
    const entry = stack.addEntry({ domain: 'ms365_calendar', data: entryData({ entity: 'room', options: { shared_mailbox: 'room@contoso.onmicrosoft.com' } }) });
    assert.equal((await stack.signInByPaste(entry.entry_id)).status, 200);
    const first = (await (await stack.ui(`/api/ms365/entries/${entry.entry_id}/capabilities`, { method: 'POST' })).json()) as Json;
    assert.deepEqual(verdicts(first), { profile: 'works', calendars: 'works', shared_calendars: 'not_shared' });
    assert.match(feature(first, 'shared_calendars')?.detail ?? '', /room@contoso\.onmicrosoft\.com is not shared with you/);

    stack.microsoft.addUser({ username: 'room@contoso.onmicrosoft.com', name: 'Room', sharedWith: [DEFAULT_WORK_USER.username] });
    const second = (await (await stack.ui(`/api/ms365/entries/${entry.entry_id}/capabilities`, { method: 'POST' })).json()) as Json;
    assert.equal(feature(second, 'shared_calendars')?.verdict, 'works');
    assert.equal(feature(second, 'shared_calendars')?.count, 1);
  });

  it('refuses an unknown entry', async (t) => {
    const stack = await startMs365Stack(t);
    const response = await stack.ui('/api/ms365/entries/nope/capabilities', { method: 'POST' });
    assert.equal(response.status, 404);
    assert.equal(((await response.json()) as Json).error.code, 'ms365_entry_not_found');
  });
});
