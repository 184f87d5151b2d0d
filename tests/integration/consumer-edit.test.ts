// Editing a consumer without a new key (issue 12, item 6): PATCH /api/consumers/:id changes its name,
// accounts, permissions (and so its key kind) and rate limit; the same key then gets exactly that,
// from its next request on (the cached-token path too). Checked like a create, admin-only, audited.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULT_NON_ADMIN } from '../emulators/home-assistant/index.js';
import { startAddonStack } from '../helpers/addon-stack.js';
import { startConsumerStack } from '../helpers/consumer-stack.js';

type Json = Record<string, any>;

describe('editing a consumer', () => {
  it('changes accounts, permissions, key kind, rate limit and name; the key stays and obeys at once; audited', async (t) => {
    const stack = await startConsumerStack(t, { scopes: ['Mail.Read'] });
    const app = ((await (await stack.service.ui('/api/app-registrations')).json()) as Json).app_registrations[0];
    const started = await stack.startSignIn(app.id, { scopes: ['Calendars.Read'] });
    const second = ((await (await stack.paste(await stack.landOn(started.authorize_url, { username: 'megan@outlook.com' }))).json()) as Json).account.id as string;
    assert.notEqual(second, stack.accountId);
    const consumer = await stack.createConsumer({ name: 'Node-RED', account_ids: [stack.accountId] });
    const patch = (json: unknown) => stack.service.ui(`/api/consumers/${consumer.id}`, { method: 'PATCH', json });
    // The full key reads a token for its account (and the fast path now has it in memory).
    assert.equal((await stack.token(consumer.key, { account_id: stack.accountId })).status, 200);
    assert.equal((await stack.token(consumer.key, { account_id: second })).status, 403);

    // Limited to Mail.Read, on the other account too, 1 request a minute, renamed: same key.
    const changed = await patch({ name: 'Node-RED mail', account_ids: [stack.accountId, second], allowed_scopes: ['Mail.Read'], rate_limit_per_minute: 1 });
    assert.equal(changed.status, 200);
    const view = (await changed.json()) as Json;
    assert.equal(view.name, 'Node-RED mail');
    assert.equal(view.kind, 'limited');
    assert.deepEqual(view.account_ids, [stack.accountId, second]);
    assert.equal(view.rate_limit_per_minute, 1);
    assert.equal(view.key_prefix, consumer.key_prefix);
    assert.equal(view.key, undefined, 'no key in the answer');
    // A limited key no longer gets the token (the account's grant carries User.Read too) …
    const refused = await stack.token(consumer.key, { account_id: stack.accountId });
    assert.equal(refused.status, 403);
    assert.equal(refused.body.error.code, 'raw_token_forbidden');
    // … and the new rate limit holds from the next request.
    assert.equal((await stack.token(consumer.key, { account_id: second })).status, 429);

    // Back to a full key: the kind follows the list.
    const full = (await (await patch({ allowed_scopes: [], rate_limit_per_minute: 600 })).json()) as Json;
    assert.equal(full.kind, 'full');
    assert.equal(full.name, 'Node-RED mail', 'a field left out stays');

    await stack.services.audit.flush();
    const lines = ((await (await stack.service.ui('/api/audit?limit=50')).json()) as Json).entries as Json[];
    const edits = lines.filter((line) => line.event === 'consumer_changed');
    assert.equal(edits.length, 2);
    const fields = edits.map((line) => [...line.changed].sort());
    assert.ok(fields.some((f) => f.join() === 'account_ids,allowed_scopes,name,rate_limit_per_minute'), JSON.stringify(fields));
    assert.ok(fields.some((f) => f.join() === 'allowed_scopes,rate_limit_per_minute'), JSON.stringify(fields));
    assert.ok(edits.every((line) => line.consumer_id === consumer.id && line.result === 'ok'));
    assert.equal(JSON.stringify(lines).includes(consumer.key), false);
  });

  it('checks a change as it checks a create, and refuses revoked and unknown consumers', async (t) => {
    const stack = await startConsumerStack(t);
    const consumer = await stack.createConsumer({ name: 'Script', account_ids: [stack.accountId] });
    const patch = (json: unknown, id = consumer.id) => stack.service.ui(`/api/consumers/${id}`, { method: 'PATCH', json });
    const cases: Array<[string, unknown, number, string, string?]> = [
      ['an empty name', { name: '  ' }, 400, 'validation_failed', 'name'],
      ['an unknown account', { account_ids: ['nobody'] }, 404, 'account_not_found', 'account_ids'],
      ['a permission of another resource', { allowed_scopes: ['https://outlook.office.com/IMAP.AccessAsUser.All'] }, 400, 'validation_failed', 'allowed_scopes'],
      ['a zero rate limit', { rate_limit_per_minute: 0 }, 400, 'validation_failed'],
      ['an unknown field (the key cannot be set)', { key_hash: 'x' }, 400, 'validation_failed'],
    ];
    for (const [label, body, status, code, field] of cases) {
      const response = await patch(body);
      const error = ((await response.json()) as Json).error;
      assert.equal(response.status, status, label);
      assert.equal(error.code, code, label);
      if (field) assert.equal(error.field, field, label);
    }
    const unchanged = ((await (await stack.service.ui('/api/consumers')).json()) as Json).consumers[0];
    assert.equal(unchanged.name, 'Script');
    assert.deepEqual(unchanged.allowed_scopes, []);
    assert.equal((await patch({ name: 'x' }, 'missing')).status, 404);
    assert.equal((await stack.service.ui(`/api/consumers/${consumer.id}`, { method: 'DELETE' })).status, 204);
    const revoked = await patch({ name: 'Back again' });
    assert.equal(revoked.status, 409);
    assert.equal(((await revoked.json()) as Json).error.code, 'consumer_revoked');
  });

  it('is for administrators only', async (t) => {
    const stack = await startAddonStack({ user: DEFAULT_NON_ADMIN, www: false });
    t.after(() => stack.close());
    const response = await stack.ingress('/api/consumers/some-id', { method: 'PATCH', json: { name: 'x' } });
    assert.equal(response.status, 403);
    assert.equal(((await response.json()) as Json).error.code, 'admin_required');
  });
});
