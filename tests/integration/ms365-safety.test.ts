// What the add-on refuses to do with MS365 entries, and what it never does: entries it cannot use
// are shown and never touched, unreadable HA storage is reported, missing permissions write nothing,
// a file the integration holds locked is waited for, a user's file is never deleted, and the client
// secret never appears in a response or a log line.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import type { Ms365ListView, Ms365SignInFinished } from '../../server/http/contract/ms365.js';
import { signInWithFetch } from '../emulators/microsoft/index.js';
import { MS365_APP, entryData, startMs365Stack, type Ms365Stack } from '../helpers/ms365-stack.js';
import { leakedSecrets, startTestService } from '../helpers/service.js';
import { holdIntegrationLock } from '../python/ms365-reader.js';

/** Every file under HA's config folder, relative: proves that nothing was written. */
function filesUnder(dir: string, base = dir): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((item) => {
    const full = path.join(dir, item.name);
    return item.isDirectory() ? filesUnder(full, base) : [path.relative(base, full)];
  }).sort();
}

async function errorCode(response: Response): Promise<string> {
  return ((await response.json()) as { error: { code: string } }).error.code;
}

async function list(stack: Ms365Stack): Promise<Ms365ListView> {
  return (await (await stack.ui('/api/ms365/entries')).json()) as Ms365ListView;
}

describe('MS365 entries the add-on must not touch', () => {
  const UNUSABLE: Array<[string, Record<string, unknown>, RegExp]> = [
    ['an entity name that climbs out of the token folder', entryData({ entity: '../../configuration' }), /slash/],
    ['an entity name with a control character', entryData({ entity: 'a\u0007b' }), /control character/],
    ['the Secret ID typed as the secret', entryData({ entity: 'sid', secret: MS365_APP.secretId }), /Secret ID/],
    ['an API country the add-on does not know', { ...entryData({ entity: 'mars' }), api_options: { country: 'Mars', tenant_id: '' } }, /country/],
    ['no client ID', { ...entryData({ entity: 'noid' }), client_id: '' }, /no client ID/],
    ['a tenant that is not one', entryData({ entity: 'tenant', tenant: 'not a tenant!' }), /tenant/],
  ];

  for (const [label, data, reason] of UNUSABLE) {
    it(`shows, and never touches, an entry with ${label}`, async (t) => {
      const stack = await startMs365Stack(t);
      const entry = stack.addEntry({ domain: 'ms365_calendar', data });
      const before = filesUnder(stack.configDir);
      const view = (await list(stack)).entries.find((e) => e.entry_id === entry.entry_id)!;
      assert.equal(view.usable, false);
      assert.equal(view.health, 'not_usable');
      assert.match(view.not_usable_reason ?? '', reason);
      for (const action of [
        stack.ui(`/api/ms365/entries/${entry.entry_id}/sign-ins`, { method: 'POST', json: {} }),
        stack.ui(`/api/ms365/entries/${entry.entry_id}/refresh`, { method: 'POST' }),
        stack.ui(`/api/ms365/entries/${entry.entry_id}/keep-alive`, { method: 'PUT', json: { enabled: true } }),
      ]) {
        const response = await action;
        assert.equal(response.status, 409);
        assert.equal(await errorCode(response), 'ms365_entry_not_usable');
      }
      assert.deepEqual(filesUnder(stack.configDir), before, 'nothing written');
      assert.equal(stack.microsoft.stats.authorizeRequests, 0);
    });
  }

  it('reports unreadable HA storage beside an empty list, and refuses to act', async (t) => {
    const stack = await startMs365Stack(t);
    const entry = stack.addEntry({ domain: 'ms365_todo', data: entryData({ entity: 'todo' }) });
    writeFileSync(stack.entries.storageFile, '{"key": "core.config_entries", "data": {"entr');
    const view = await list(stack);
    assert.deepEqual(view.entries, []);
    assert.equal(view.storage.available, false);
    assert.match(view.storage.problem ?? '', /not valid JSON/);
    const response = await stack.ui(`/api/ms365/entries/${entry.entry_id}/sign-ins`, { method: 'POST', json: {} });
    assert.equal(response.status, 503);
    assert.equal(await errorCode(response), 'ha_storage_unreadable');
  });

  it('says so when it cannot see HA’s config folder at all', async (t) => {
    const service = await startTestService({});
    t.after(() => service.close());
    const view = (await (await service.ui('/api/ms365/entries')).json()) as Ms365ListView;
    assert.equal(view.storage.available, false);
    assert.match(view.storage.problem ?? '', /config folder/);
    const response = await service.ui('/api/ms365/entries/x/sign-ins', { method: 'POST', json: {} });
    assert.equal(await errorCode(response), 'ha_config_folder_unset');
  });

  it('answers 404 for an entry HA does not have', async (t) => {
    const stack = await startMs365Stack(t);
    const response = await stack.ui('/api/ms365/entries/nope', {});
    assert.equal(response.status, 404);
    assert.equal(await errorCode(response), 'ms365_entry_not_found');
  });
});

describe('writing an MS365 token file', () => {
  it('writes nothing when Microsoft grants fewer permissions than the entry needs', async (t) => {
    const stack = await startMs365Stack(t);
    const entry = stack.addEntry({ domain: 'ms365_calendar', data: entryData({ entity: 'work', options: { enable_update: true } }) });
    const file = stack.tokenFile('ms365_calendar', 'work');
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, '{"the user’s": "file"}');
    stack.microsoft.withholdScopes(['Calendars.ReadWrite']);
    const response = await stack.signInByPaste(entry.entry_id);
    const body = (await response.json()) as { error: { code: string; missing: string[] } };
    assert.equal(response.status, 409);
    assert.equal(body.error.code, 'ms365_permissions_missing');
    assert.deepEqual(body.error.missing, ['Calendars.ReadWrite']);
    assert.equal(readFileSync(file, 'utf8'), '{"the user’s": "file"}');
    assert.deepEqual(readdirSync(path.dirname(file)), ['ms365_calendar_work.token']);
  });

  it('waits for the integration’s lock, writes over what the integration left, and keeps it as the backup', async (t) => {
    const stack = await startMs365Stack(t);
    const entry = stack.addEntry({ domain: 'ms365_mail', data: entryData({ entity: 'home' }) });
    const file = stack.tokenFile('ms365_mail', 'home');
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, 'stale');
    const started = (await (await stack.ui(`/api/ms365/entries/${entry.entry_id}/sign-ins`, { method: 'POST', json: {} })).json()) as { authorize_url: string };
    const landed = await signInWithFetch(started.authorize_url);
    const holder = await holdIntegrationLock(file);
    const finishing = stack.ui(`/api/ms365/entries/${entry.entry_id}/sign-ins/paste`, { method: 'POST', json: { url: landed.location } });
    await new Promise((resolve) => setTimeout(resolve, 300));
    writeFileSync(file, 'refreshed by the integration meanwhile');
    await holder.release();
    const response = await finishing;
    const body = (await response.json()) as Ms365SignInFinished;
    assert.equal(response.status, 200, JSON.stringify(body));
    assert.equal(body.backup, 'ms365_storage/.MS365-token-cache/ms365_mail_home.token.bak');
    assert.equal(readFileSync(`${file}.bak`, 'utf8'), 'refreshed by the integration meanwhile');
    assert.equal(body.entry.token_file.state, 'ok');
    assert.deepEqual(readdirSync(path.dirname(file)).sort(), ['ms365_mail_home.token', 'ms365_mail_home.token.bak']);
  });

  it('refuses a sign-in started elsewhere before redeeming its code, which then still works where it belongs', async (t) => {
    const stack = await startMs365Stack(t);
    const work = stack.addEntry({ domain: 'ms365_calendar', data: entryData({ entity: 'work' }) });
    const home = stack.addEntry({ domain: 'ms365_calendar', data: entryData({ entity: 'home' }) });
    const redeemed = () => stack.microsoft.stats.tokenRequests.authorization_code ?? 0;
    const started = (await (await stack.ui(`/api/ms365/entries/${work.entry_id}/sign-ins`, { method: 'POST', json: {} })).json()) as { authorize_url: string };
    const landed = await signInWithFetch(started.authorize_url);
    const before = redeemed();

    // The work entry's sign-in pasted on the home entry, and on the Sign-in page (an account).
    const onHome = await stack.ui(`/api/ms365/entries/${home.entry_id}/sign-ins/paste`, { method: 'POST', json: { url: landed.location } });
    assert.equal(onHome.status, 409);
    assert.equal(await errorCode(onHome), 'ms365_sign_in_mismatch');
    const onSignIn = await stack.ui('/api/sign-ins/paste', { method: 'POST', json: { url: landed.location } });
    assert.equal(onSignIn.status, 409);
    assert.match(((await onSignIn.json()) as { error: { message: string } }).error.message, /MS365 entry/);
    assert.equal(redeemed(), before, 'no code was spent');
    assert.equal(existsSync(stack.tokenFile('ms365_calendar', 'home')), false);

    const onWork = await stack.ui(`/api/ms365/entries/${work.entry_id}/sign-ins/paste`, { method: 'POST', json: { url: landed.location } });
    assert.equal(onWork.status, 200, await onWork.clone().text());
    assert.equal(redeemed(), before + 1);

    // And the other way: an account's sign-in pasted on an entry.
    const apps = (await (await stack.ui('/api/app-registrations')).json()) as { app_registrations: Array<{ id: string }> };
    const plain = (await (await stack.ui('/api/sign-ins', { method: 'POST', json: { app_registration_id: apps.app_registrations[0]!.id, scopes: ['Calendars.Read'], method: 'paste_back' } })).json()) as { authorize_url: string };
    const plainLanded = await signInWithFetch(plain.authorize_url);
    const onEntry = await stack.ui(`/api/ms365/entries/${home.entry_id}/sign-ins/paste`, { method: 'POST', json: { url: plainLanded.location } });
    assert.equal(await errorCode(onEntry), 'ms365_sign_in_mismatch');
    assert.equal(redeemed(), before + 1);
  });

  it('writes once per sign-in: the same address pasted again is refused and the user’s own file stays the backup', async (t) => {
    const stack = await startMs365Stack(t);
    const entry = stack.addEntry({ domain: 'ms365_todo', data: entryData({ entity: 'lists' }) });
    const file = stack.tokenFile('ms365_todo', 'lists');
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, '{"the user’s": "own file"}');
    const started = (await (await stack.ui(`/api/ms365/entries/${entry.entry_id}/sign-ins`, { method: 'POST', json: {} })).json()) as { authorize_url: string };
    const landed = await signInWithFetch(started.authorize_url);
    const paste = () => stack.ui(`/api/ms365/entries/${entry.entry_id}/sign-ins/paste`, { method: 'POST', json: { url: landed.location } });
    const [first, second] = await Promise.all([paste(), paste()]);
    assert.deepEqual([first.status, second.status].sort(), [200, 409]);
    const again = await paste();
    assert.equal(await errorCode(again), 'ms365_sign_in_mismatch');
    assert.equal(readFileSync(`${file}.bak`, 'utf8'), '{"the user’s": "own file"}');
  });

  it('never puts the client secret or a token in a response or the log', async (t) => {
    const stack = await startMs365Stack(t);
    const entry = stack.addEntry({ domain: 'ms365_contacts', data: entryData({ entity: 'people' }) });
    const responses: string[] = [];
    const finished = await stack.signInByPaste(entry.entry_id);
    responses.push(await finished.text());
    responses.push(await (await stack.ui('/api/ms365/entries')).text());
    responses.push(await (await stack.ui(`/api/ms365/entries/${entry.entry_id}/refresh`, { method: 'POST' })).text());
    responses.push(await (await stack.ui('/api/app-registrations')).text());
    const cache = JSON.parse(readFileSync(stack.tokenFile('ms365_contacts', 'people'), 'utf8')) as Record<string, Record<string, { secret?: string }>>;
    const secrets = [MS365_APP.secret, ...Object.values(cache.RefreshToken!).map((e) => e.secret!), ...Object.values(cache.AccessToken!).map((e) => e.secret!)];
    for (const text of responses) for (const secret of secrets) assert.ok(!text.includes(secret), 'a response carried a secret');
    assert.deepEqual(leakedSecrets(stack.service.logs, secrets), []);
  });
});
