// Microsoft Graph as the emulator serves it: token checks (401/403 bodies), /me, mail, calendar,
// sendMail, echo, and Graph-side faults.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULT_PERSONAL_USER, DEFAULT_WORK_USER } from '../../emulators/microsoft/index.js';
import { fakeClock, fetchTokens, NATIVE, useEmulator } from './microsoft-helpers.js';

interface GraphError {
  error: { code: string; message: string; innerError: Record<string, string> };
}

describe('Microsoft emulator: Graph', () => {
  const clock = fakeClock();
  const fixture = useEmulator(clock, [NATIVE]);

  const graph = (path: string, token?: string, init: RequestInit = {}) =>
    fetch(`${fixture.emulator.origin}${path}`, { ...init, headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(init.headers as Record<string, string>) } });

  async function tokenFor(scope: string, username?: string): Promise<string> {
    return (await fetchTokens(fixture.emulator.origin, { scope: `${scope} openid profile offline_access`, ...(username ? { username } : {}) })).access_token!;
  }

  it('returns the signed-in user from /me and honours $select loosely', async () => {
    const token = await tokenFor('User.Read');
    const full = await graph('/v1.0/me', token);
    assert.equal(full.status, 200);
    assert.match(full.headers.get('content-type') ?? '', /^application\/json;odata\.metadata=minimal/);
    const me = (await full.json()) as Record<string, unknown>;
    assert.equal(me.id, DEFAULT_WORK_USER.oid);
    assert.equal(me.displayName, 'Adele Vance');
    assert.equal(me.userPrincipalName, DEFAULT_WORK_USER.username);
    assert.equal(me.mail, DEFAULT_WORK_USER.username);
    const selected = (await (await graph('/v1.0/me?$select=id,displayName,bogus', token)).json()) as Record<string, unknown>;
    assert.deepEqual(Object.keys(selected), ['@odata.context', 'displayName', 'id']);
    assert.equal(selected['@odata.context'], 'https://graph.microsoft.com/v1.0/$metadata#users(displayName,id)/$entity');
  });

  it('gives a personal account its 16-hex Graph id', async () => {
    const token = await tokenFor('User.Read', DEFAULT_PERSONAL_USER.username);
    const me = (await (await graph('/v1.0/me', token)).json()) as Record<string, unknown>;
    assert.equal(me.id, DEFAULT_PERSONAL_USER.oid.replace(/-/g, '').slice(16));
  });

  it('answers 401 InvalidAuthenticationToken for a missing, unknown or expired token', async () => {
    const token = await tokenFor('User.Read');
    const expectations: Array<[string | undefined, RegExp]> = [
      [undefined, /^Access token is empty\.$/],
      ['EwBnot-a-real-token', /validation failure/],
    ];
    for (const [value, message] of expectations) {
      const response = await graph('/v1.0/me', value);
      assert.equal(response.status, 401);
      assert.match(response.headers.get('www-authenticate') ?? '', /^Bearer realm=""/);
      const body = (await response.json()) as GraphError;
      assert.equal(body.error.code, 'InvalidAuthenticationToken');
      assert.match(body.error.message, message);
      assert.match(body.error.innerError['request-id'] ?? '', /^[0-9a-f-]{36}$/);
    }
    clock.advance(3599 * 1000);
    const expired = (await (await graph('/v1.0/me', token)).json()) as GraphError;
    assert.equal(expired.error.message, 'Lifetime validation failed, the token is expired.');
  });

  it('answers 403 when the token lacks the permission', async () => {
    const mailOnly = await tokenFor('Mail.Read');
    const me = await graph('/v1.0/me', mailOnly);
    assert.equal(me.status, 403);
    assert.equal(((await me.json()) as GraphError).error.code, 'Authorization_RequestDenied');
    const events = await graph('/v1.0/me/events', mailOnly);
    assert.equal(events.status, 403);
    assert.equal(((await events.json()) as GraphError).error.code, 'ErrorAccessDenied');
    const messages = await graph('/v1.0/me/messages?$top=1', mailOnly);
    assert.equal(messages.status, 200);
    assert.equal(((await messages.json()) as { value: unknown[] }).value.length, 1);
  });

  it('accepts sendMail with Mail.Send and echoes requests without the Authorization header', async () => {
    const token = await tokenFor('Mail.Send Calendars.Read');
    const message = JSON.stringify({ message: { subject: 'Hi', toRecipients: [] } });
    const sent = await graph('/v1.0/me/sendMail', token, { method: 'POST', body: message, headers: { 'content-type': 'application/json' } });
    assert.equal(sent.status, 202);
    assert.equal(await sent.text(), '');
    assert.equal((await graph('/v1.0/me/events', token)).status, 200);

    const echoed = await graph('/v1.0/echo?x=1', token, { method: 'POST', body: 'hello stream', headers: { 'x-custom': 'kept' } });
    const body = (await echoed.json()) as { method: string; body: string; bodyBytes: number; headers: Record<string, string>; query: Record<string, string>; user: string };
    assert.equal(body.method, 'POST');
    assert.equal(body.body, 'hello stream');
    assert.equal(body.bodyBytes, 12);
    assert.equal(body.headers['x-custom'], 'kept');
    assert.equal(body.headers.authorization, undefined);
    assert.deepEqual(body.query, { x: '1' });
    assert.equal(body.user, DEFAULT_WORK_USER.username);
  });

  it('answers unknown paths with a Graph 404 and replays Graph faults', async () => {
    const token = await tokenFor('User.Read');
    const missing = await graph('/v1.0/me/nothing', token);
    assert.equal(missing.status, 404);
    assert.equal(((await missing.json()) as GraphError).error.code, 'Request_ResourceNotFound');

    fixture.emulator.failNext({ endpoint: 'graph', status: 429, retryAfterSeconds: 3 });
    const throttled = await graph('/v1.0/me', token);
    assert.equal(throttled.status, 429);
    assert.equal(throttled.headers.get('retry-after'), '3');
    assert.equal(((await throttled.json()) as GraphError).error.code, 'TooManyRequests');
    assert.equal((await graph('/v1.0/me', token)).status, 200);
    assert.equal(fixture.emulator.stats.graphRequests, 3);
  });
});
