// Graph's $batch as the emulator answers it: per-entry id/status/headers/body in any order, the
// 20-request limit, duplicate ids, dependsOn, and the per-feature refusals (permission missing,
// mailbox not shared, personal accounts without Teams, To Do not provisioned), plus outer throttling.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULT_PERSONAL_USER, DEFAULT_WORK_USER } from '../../emulators/microsoft/index.js';
import { fakeClock, fetchTokens, NATIVE, useEmulator } from './microsoft-helpers.js';

interface BatchResponse {
  responses: Array<{ id: string; status: number; headers: Record<string, string>; body: { value?: unknown[]; error?: { code: string } } }>;
}

describe('Microsoft emulator: $batch', () => {
  const clock = fakeClock();
  const fixture = useEmulator(clock, [NATIVE]);

  async function tokenFor(scope: string, username?: string): Promise<string> {
    return (await fetchTokens(fixture.emulator.origin, { scope: `${scope} openid profile offline_access`, ...(username ? { username } : {}) })).access_token!;
  }

  async function batch(token: string, requests: unknown[]): Promise<{ status: number; headers: Headers; body: unknown }> {
    const response = await fetch(`${fixture.emulator.origin}/v1.0/$batch`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ requests }),
    });
    return { status: response.status, headers: response.headers, body: await response.json() };
  }

  const byId = (body: unknown) => new Map((body as BatchResponse).responses.map((r) => [r.id, r]));

  it('answers each request by id, in an order of its own, with status, headers and body', async () => {
    const token = await tokenFor('User.Read Calendars.Read');
    const { status, body } = await batch(token, [
      { id: '1', method: 'GET', url: '/me?$select=id' },
      { id: '2', method: 'GET', url: '/me/calendars?$top=2&$select=id' },
      { id: '3', method: 'GET', url: '/me/mailFolders?$select=id' },
    ]);
    assert.equal(status, 200);
    const responses = (body as BatchResponse).responses;
    assert.deepEqual(responses.map((r) => r.id), ['3', '2', '1']);
    const answers = byId(body);
    assert.equal(answers.get('1')?.status, 200);
    assert.equal(answers.get('2')?.status, 200);
    assert.deepEqual(answers.get('2')?.body.value, [{ id: 'AAMkCal1=' }, { id: 'AAMkCal2=' }]);
    assert.match(answers.get('2')?.headers['Content-Type'] ?? '', /^application\/json/);
    assert.equal(answers.get('3')?.status, 403);
    assert.equal(answers.get('3')?.body.error?.code, 'ErrorAccessDenied');
  });

  it('refuses more than 20 requests, duplicate ids and a missing token', async () => {
    const token = await tokenFor('User.Read');
    const many = Array.from({ length: 21 }, (_, i) => ({ id: String(i), method: 'GET', url: '/me' }));
    assert.equal((await batch(token, many)).status, 400);
    assert.equal((await batch(token, [{ id: 'a', method: 'GET', url: '/me' }, { id: 'A', method: 'GET', url: '/me' }])).status, 400);
    assert.equal((await batch('', [{ id: 'a', method: 'GET', url: '/me' }])).status, 401);
  });

  it('answers 424 for an entry whose dependency failed', async () => {
    const token = await tokenFor('User.Read');
    const { body } = await batch(token, [
      { id: '1', method: 'GET', url: '/me/contacts' },
      { id: '2', method: 'GET', url: '/me', dependsOn: ['1'] },
    ]);
    assert.equal(byId(body).get('2')?.status, 424);
  });

  it('answers a shared mailbox only when it is shared with the caller and the token has a .Shared permission', async () => {
    fixture.emulator.addUser({ username: 'room@contoso.onmicrosoft.com', name: 'Room', sharedWith: [DEFAULT_WORK_USER.username] });
    fixture.emulator.addUser({ username: 'boss@contoso.onmicrosoft.com', name: 'Boss' });
    const shared = await tokenFor('User.Read Calendars.Read.Shared');
    const { body } = await batch(shared, [
      { id: 'room', method: 'GET', url: '/users/room@contoso.onmicrosoft.com/calendars?$select=id' },
      { id: 'boss', method: 'GET', url: '/users/boss@contoso.onmicrosoft.com/calendars?$select=id' },
      { id: 'none', method: 'GET', url: '/users/nobody@contoso.onmicrosoft.com/calendars?$select=id' },
    ]);
    const answers = byId(body);
    assert.equal(answers.get('room')?.status, 200);
    assert.equal(answers.get('boss')?.status, 403);
    assert.equal(answers.get('boss')?.body.error?.code, 'ErrorAccessDenied');
    assert.equal(answers.get('none')?.status, 404);
    const plain = await tokenFor('User.Read Calendars.Read');
    assert.equal(byId((await batch(plain, [{ id: 'room', method: 'GET', url: '/users/room@contoso.onmicrosoft.com/calendars' }])).body).get('room')?.status, 403);
  });

  it('gives personal accounts no Teams presence or chats, and a user without To Do a 404', async () => {
    const token = await tokenFor('User.Read Presence.Read Chat.Read Tasks.Read', DEFAULT_PERSONAL_USER.username);
    const answers = byId((await batch(token, [
      { id: 'presence', method: 'GET', url: '/me/presence' },
      { id: 'chats', method: 'GET', url: '/me/chats' },
      { id: 'todo', method: 'GET', url: '/me/todo/lists' },
    ])).body);
    assert.equal(answers.get('presence')?.status, 400);
    assert.equal(answers.get('chats')?.status, 403);
    assert.equal(answers.get('todo')?.status, 200);
    fixture.emulator.addUser({ username: 'newbie@contoso.onmicrosoft.com', name: 'Newbie', todo: false });
    const newbie = await tokenFor('User.Read Tasks.Read', 'newbie@contoso.onmicrosoft.com');
    const todo = byId((await batch(newbie, [{ id: 'todo', method: 'GET', url: '/me/todo/lists' }])).body).get('todo');
    assert.equal(todo?.status, 404);
    assert.equal(todo?.body.error?.code, 'MailboxNotEnabledForRESTAPI');
  });

  it('throttles the whole batch with Retry-After when a graph fault is queued', async () => {
    const token = await tokenFor('User.Read');
    fixture.emulator.failNext({ endpoint: 'graph', status: 429, retryAfterSeconds: 7 });
    const throttled = await batch(token, [{ id: '1', method: 'GET', url: '/me' }]);
    assert.equal(throttled.status, 429);
    assert.equal(throttled.headers.get('retry-after'), '7');
    assert.equal((await batch(token, [{ id: '1', method: 'GET', url: '/me' }])).status, 200);
  });
});
