import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CLIENT_ID, CLIENT_SECRET, SECRET_ID, startCoreStack } from '../helpers/core-stack.js';
import { leakedSecrets, startTestService } from '../helpers/service.js';

type Json = Record<string, any>;
const NOW = new Date('2026-11-28T12:00:00Z');
const valid = { display_name: 'Home', client_id: CLIENT_ID, client_secret: CLIENT_SECRET };

async function withService(t: import('node:test').TestContext) {
  const service = await startTestService({ now: () => NOW });
  t.after(() => service.close());
  const post = async (body: unknown) => {
    const response = await service.ui('/api/app-registrations', { method: 'POST', json: body });
    return { status: response.status, body: (await response.json()) as Json };
  };
  return { service, post };
}

describe('app registrations', () => {
  it('refuses each classic mistake with a message naming the field and where the right value is', async (t) => {
    const { post, service } = await withService(t);
    const cases: Array<[string, Record<string, unknown>, string, string, RegExp]> = [
      ['client id not a GUID', { client_id: 'My Home Assistant' }, 'invalid_client_id', 'client_id', /Overview → Application \(client\) ID/],
      ['secret id instead of value', { client_secret: SECRET_ID }, 'secret_is_secret_id', 'client_secret', /Value/],
      ['secret id with spaces', { client_secret: `  ${SECRET_ID.toUpperCase()} ` }, 'secret_is_secret_id', 'client_secret', /Value/],
      ['empty secret', { client_secret: '' }, 'secret_empty', 'client_secret', /Value/],
      ['whitespace secret', { client_secret: ' \t ' }, 'secret_empty', 'client_secret', /Value/],
      ['expiry in the past', { secret_expires_on: '2026-11-27' }, 'secret_expiry_past', 'secret_expires_on', /new client secret/],
      ['expiry beyond 24 months', { secret_expires_on: '2028-12-30' }, 'secret_expiry_too_far', 'secret_expires_on', /Expires/],
      ['expiry not a date', { secret_expires_on: 'next year' }, 'validation_failed', 'secret_expires_on', /Expires/],
      ['bad tenant', { tenant: 'not a tenant!' }, 'invalid_tenant', 'tenant', /Directory \(tenant\) ID/],
      ['unknown cloud', { cloud: 'germany' }, 'validation_failed', 'cloud', /./],
      ['http redirect', { redirect_uri: 'http://example.com/cb' }, 'validation_failed', 'redirect_uri', /https/],
    ];
    for (const [label, change, code, field, fix] of cases) {
      const { status, body } = await post({ ...valid, ...change });
      assert.equal(status, 400, label);
      assert.equal(body.error.code, code, label);
      assert.equal(body.error.field, field, label);
      assert.match(body.error.fix ?? body.error.message, fix, label);
    }
    const list = (await (await service.ui('/api/app-registrations')).json()) as Json;
    assert.equal(list.app_registrations.length, 0, 'nothing was saved');
    const edge = await post({ ...valid, secret_expires_on: '2028-11-28' });
    assert.equal(edge.status, 201, 'exactly 24 months ahead is allowed');
  });

  it('never returns the secret after saving: only a mask and its last three characters', async (t) => {
    const { post, service } = await withService(t);
    const created = await post({ ...valid, tenant: 'Contoso.onmicrosoft.com', cloud: 'china', secret_expires_on: '2027-06-01' });
    assert.equal(created.status, 201);
    assert.equal(created.body.client_secret_hint, `••••••••${CLIENT_SECRET.slice(-3)}`);
    assert.equal(created.body.tenant, 'contoso.onmicrosoft.com');
    assert.equal(created.body.paste_back_redirect_uri, 'https://login.partner.microsoftonline.cn/common/oauth2/nativeclient');
    const id = created.body.id;
    for (const path of ['/api/app-registrations', `/api/app-registrations/${id}`]) {
      const text = await (await service.ui(path)).text();
      assert.equal(text.includes(CLIENT_SECRET), false, path);
      assert.equal(text.includes(CLIENT_SECRET.slice(0, 10)), false, path);
    }
    const patched = await service.ui(`/api/app-registrations/${id}`, { method: 'PATCH', json: { display_name: 'Renamed' } });
    const patchedBody = (await patched.json()) as Json;
    assert.equal(patched.status, 200);
    assert.equal(patchedBody.display_name, 'Renamed');
    assert.equal(patchedBody.client_secret_hint.endsWith(CLIENT_SECRET.slice(-3)), true, 'the secret is kept when not sent');
    const badPatch = await service.ui(`/api/app-registrations/${id}`, { method: 'PATCH', json: { client_secret: SECRET_ID } });
    assert.equal(badPatch.status, 400);
    const still = (await (await service.ui(`/api/app-registrations/${id}`)).json()) as Json;
    assert.equal(still.display_name, 'Renamed', 'a refused change loses nothing stored');
    assert.equal((await service.ui(`/api/app-registrations/${id}`, { method: 'DELETE' })).status, 204);
    assert.equal((await service.ui(`/api/app-registrations/${id}`)).status, 404);
    assert.deepEqual(leakedSecrets(service.logs, [CLIENT_SECRET]), []);
  });

  it('answers hostile bodies with 4xx and keeps running', async (t) => {
    const { service } = await withService(t);
    const attempts: Array<[string, RequestInit]> = [
      ['not JSON', { method: 'POST', body: `{"client_secret":"${CLIENT_SECRET}"`, headers: { 'content-type': 'application/json' } }],
      ['text body', { method: 'POST', body: 'hello', headers: { 'content-type': 'text/plain' } }],
      ['array body', { method: 'POST', body: '[]', headers: { 'content-type': 'application/json' } }],
      ['huge body', { method: 'POST', body: JSON.stringify({ display_name: 'x'.repeat(100_000) }), headers: { 'content-type': 'application/json' } }],
      ['proto pollution', { method: 'POST', body: '{"__proto__":{"admin":true}}', headers: { 'content-type': 'application/json' } }],
    ];
    for (const [label, init] of attempts) {
      const response = await service.ui('/api/app-registrations', init);
      const text = await response.text();
      assert.ok(response.status >= 400 && response.status < 500, `${label}: ${response.status}`);
      assert.equal(text.includes(CLIENT_SECRET), false, `${label}: the body is not echoed`);
      assert.ok(JSON.parse(text).error.code, label);
    }
    assert.equal((await service.ui('/health')).status, 200);
  });

  it('refuses to delete a registration in use and names the accounts that use it; deletes it once unused', async (t) => {
    const stack = await startCoreStack(t);
    const app = await stack.createApp();
    for (const username of ['adele@contoso.onmicrosoft.com', 'megan@outlook.com']) {
      const started = await stack.startSignIn(app.id);
      assert.equal((await stack.paste(await stack.landOn(started.authorize_url, { username }))).status, 200);
    }
    const refused = await stack.service.ui(`/api/app-registrations/${app.id}`, { method: 'DELETE' });
    const body = (await refused.json()) as Json;
    assert.equal(refused.status, 409);
    assert.equal(body.error.code, 'app_registration_in_use');
    assert.deepEqual([...body.error.accounts].sort(), ['adele@contoso.onmicrosoft.com', 'megan@outlook.com']);
    assert.match(body.error.message, /adele@contoso\.onmicrosoft\.com/);
    assert.match(body.error.message, /megan@outlook\.com/);
    assert.equal(JSON.stringify(body).includes(CLIENT_SECRET), false);

    const accounts = (await (await stack.service.ui('/api/accounts')).json()) as Json;
    for (const account of accounts.accounts) {
      assert.equal((await stack.service.ui(`/api/accounts/${account.id}`, { method: 'DELETE' })).status, 204);
    }
    assert.equal((await stack.service.ui(`/api/app-registrations/${app.id}`, { method: 'DELETE' })).status, 204);
  });
});
