// The consumer API's audit log: one line per token handed out and per refusal, readable in the UI
// API, holding neither key nor token.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { AUDIT_FILE } from '../../server/audit/audit-log.js';
import { startConsumerStack } from '../helpers/consumer-stack.js';
import { leakedSecrets } from '../helpers/service.js';

type Json = Record<string, any>;

describe('audit log', () => {
  it('records tokens handed out and every kind of refusal, newest first, and never a key or token', async (t) => {
    // The key's list covers the account's grant (Mail.Read and User.Read), so it may have the token.
    const stack = await startConsumerStack(t, { scopes: ['Mail.Read'] });
    const scoped = await stack.createConsumer({ name: 'Mail reader', account_ids: [stack.accountId], allowed_scopes: ['Mail.Read', 'User.Read'], rate_limit_per_minute: 2 });
    const granted = await stack.token(scoped.key, { account_id: stack.accountId, scopes: ['Mail.Read'] });
    assert.equal(granted.status, 200);
    assert.equal((await stack.token(scoped.key, { account_id: stack.accountId, scopes: ['Calendars.Read'] })).status, 403);
    assert.equal((await stack.token(scoped.key, { account_id: stack.accountId })).status, 429);
    const wrongKey = `${scoped.key.slice(0, -4)}abcd`;
    assert.equal((await stack.token(wrongKey, { account_id: stack.accountId })).status, 401);
    assert.equal((await stack.service.api('/v1/nothing', { key: wrongKey })).status, 401);

    const entries = ((await (await stack.service.ui('/api/audit?limit=50')).json()) as Json).entries as Json[];
    assert.deepEqual(entries.map((line) => [line.event, line.result, line.status]), [
      ['denied', 'unauthorized', 401],
      ['denied', 'unauthorized', 401],
      ['denied', 'rate_limited', 429],
      ['denied', 'scope_forbidden', 403],
      ['token', 'ok', 200],
    ]);
    const token = entries[4]!;
    assert.deepEqual(
      { consumer_id: token.consumer_id, consumer_name: token.consumer_name, account_id: token.account_id, scopes: token.scopes, method: token.method, path: token.path },
      { consumer_id: scoped.id, consumer_name: 'Mail reader', account_id: stack.accountId, scopes: ['Mail.Read'], method: 'POST', path: '/v1/token' },
    );
    assert.ok(!Number.isNaN(Date.parse(token.time)));
    assert.equal(entries[0]!.consumer_id, null, 'an unknown key names no consumer');
    assert.equal(entries[0]!.path, '(no route)', 'a refused request’s own URL is never written');
    assert.deepEqual(entries[3]!.scopes, ['Calendars.Read'], 'a refusal records what was asked for');
    assert.equal(entries[3]!.account_id, stack.accountId);

    assert.equal(((await (await stack.service.ui('/api/audit?limit=2')).json()) as Json).entries.length, 2);
    assert.equal((await stack.service.ui('/api/audit?limit=0')).status, 400);
    assert.equal((await stack.service.ui('/api/audit?limit=abc')).status, 400);
    const file = await readFile(join(stack.service.dataDir, AUDIT_FILE), 'utf8');
    assert.equal(file.trim().split('\n').length, 5);
    assert.deepEqual(leakedSecrets([file], [scoped.key, wrongKey, granted.body.access_token]), []);
  });

  it('does not write a line for open routes or the UI', async (t) => {
    const stack = await startConsumerStack(t);
    await stack.service.api('/health');
    await stack.service.api('/openapi.json');
    await stack.service.ui('/api/accounts');
    assert.deepEqual(((await (await stack.service.ui('/api/audit')).json()) as Json).entries, []);
  });
});
