// The reverse direction: a token file written by MSAL for Python itself (the integration's own
// config flow: initiate_auth_code_flow, the user at Microsoft, acquire_token_by_auth_code_flow) is
// read by the add-on (status, account, scopes) and refreshed by it without losing the account.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import type { Ms365EntryView, Ms365ListView } from '../../server/http/contract/ms365.js';
import { CLOUD_HOSTS, MS365_APP, entryData, pythonSignIn, startMs365Stack, type TestCloud } from '../helpers/ms365-stack.js';
import { runReader } from '../python/ms365-reader.js';

type Cache = Record<string, Record<string, Record<string, string>>>;

const accountOf = (cache: Cache) => Object.values(cache.Account ?? {})[0] ?? {};
const refreshTokenOf = (cache: Cache) => Object.values(cache.RefreshToken ?? {})[0] ?? {};

describe('a token file written by MSAL for Python', () => {
  it('is read by the add-on: account, state, granted and needed permissions, the 90-day window', async (t) => {
    const stack = await startMs365Stack(t);
    const entry = stack.addEntry({ domain: 'ms365_mail', data: entryData({ entity: 'home', options: { enable_update: true } }) });
    const file = stack.tokenFile('ms365_mail', 'home');
    await pythonSignIn(stack, file, 'global', ['User.Read', 'Mail.Read', 'Mail.Send']);

    const list = (await (await stack.ui('/api/ms365/entries')).json()) as Ms365ListView;
    assert.equal(list.storage.available, true);
    const view = list.entries.find((e) => e.entry_id === entry.entry_id)!;
    assert.equal(view.token_file.state, 'ok');
    assert.equal(view.token_file.path, 'ms365_storage/.MS365-token-cache/ms365_mail_home.token');
    assert.equal(view.token_file.username, 'adele@contoso.onmicrosoft.com');
    assert.equal(view.token_file.client_id_matches, true);
    assert.deepEqual(view.permissions.needed, ['User.Read', 'offline_access', 'Mail.Read', 'Mail.Send']);
    for (const scope of ['User.Read', 'Mail.Read', 'Mail.Send']) assert.ok(view.permissions.granted?.includes(scope), scope);
    assert.deepEqual(view.permissions.missing, []);
    assert.equal(view.token_file.refresh_token_age_days, 0);
    assert.equal(view.token_file.refresh_token_days_left, 90);
    assert.equal(view.health, 'ok');
    assert.equal(view.usable, true);
    assert.ok(!JSON.stringify(list).includes(MS365_APP.secret), 'the client secret is never shown');
  });

  for (const cloud of Object.keys(CLOUD_HOSTS) as TestCloud[]) {
    it(`is refreshed by the add-on without losing the account, and MSAL for Python reads the result (${cloud} cloud)`, async (t) => {
      const stack = await startMs365Stack(t);
      const hosts = CLOUD_HOSTS[cloud];
      const entry = stack.addEntry({ domain: 'ms365_calendar', data: entryData({ entity: 'family', cloud }) });
      const file = stack.tokenFile('ms365_calendar', 'family');
      await pythonSignIn(stack, file, cloud, ['User.Read', 'Calendars.Read']);
      const original = readFileSync(file, 'utf8');
      const before = JSON.parse(original) as Cache;
      const refreshes = stack.microsoft.stats.tokenRequests.refresh_token ?? 0;

      const response = await stack.ui(`/api/ms365/entries/${entry.entry_id}/refresh`, { method: 'POST' });
      const body = (await response.json()) as { outcome: { outcome: string; detail: string | null }; entry: Ms365EntryView };
      assert.equal(response.status, 200, JSON.stringify(body));
      assert.equal(body.outcome.outcome, 'refreshed', body.outcome.detail ?? '');
      assert.equal(stack.microsoft.stats.tokenRequests.refresh_token, refreshes + 1);

      const after = JSON.parse(readFileSync(file, 'utf8')) as Cache;
      assert.equal(accountOf(after).home_account_id, accountOf(before).home_account_id, 'same account');
      assert.equal(accountOf(after).username, accountOf(before).username);
      assert.equal(accountOf(after).environment, hosts.login);
      assert.notEqual(refreshTokenOf(after).secret, refreshTokenOf(before).secret, 'a new refresh token');
      assert.equal(Object.keys(after.RefreshToken ?? {}).length, 1, 'one refresh token: python-o365 takes the first');
      assert.equal(readFileSync(`${file}.bak`, 'utf8'), original, 'the previous file is kept beside it');
      assert.equal(body.entry.token_file.state, 'ok');

      const read = await runReader<Record<string, any>>('read', {
        cacheFile: file,
        clientId: MS365_APP.clientId,
        clientSecret: MS365_APP.secret,
        loginHost: hosts.login,
        emulator: stack.microsoft.origin,
        scopes: [`https://${hosts.graph}/Calendars.Read`],
        forceRefresh: true,
      });
      assert.deepEqual(read.accounts, [accountOf(before).username]);
      assert.deepEqual(read.silent, { ok: true, token_requests: 0, scope: [] });
      assert.equal(read.refresh.ok, true);
    });
  }
});
