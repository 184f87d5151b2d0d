// The add-on signs an MS365 entry in again and writes its token file; MSAL for Python, as the
// integrations use it (ConfidentialClientApplication + SerializableTokenCache, the entry's client ID
// and secret, the real authority), loads the file, finds the account and gets a token silently,
// then a forced one from the Microsoft emulator. For each of the three clouds.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { CLOUD_HOSTS, MS365_APP, entryData, startMs365Stack, type TestCloud } from '../helpers/ms365-stack.js';
import { leakedSecrets } from '../helpers/service.js';
import { runReader } from '../python/ms365-reader.js';
import type { Ms365SignInFinished } from '../../server/http/contract/ms365.js';

const TENANT = '3b8c0f6e-2d4a-4c1e-9f7b-5a6d8e2c1b47';

describe('token files written by the add-on, read by MSAL for Python', () => {
  for (const cloud of Object.keys(CLOUD_HOSTS) as TestCloud[]) {
    it(`are read and refreshed by the integrations' reader (${cloud} cloud)`, async (t) => {
      const stack = await startMs365Stack(t);
      const hosts = CLOUD_HOSTS[cloud];
      const entry = stack.addEntry({ domain: 'ms365_calendar', data: entryData({ entity: 'work', cloud, options: { enable_update: true } }) });
      const finished = await stack.signInByPaste(entry.entry_id);
      const body = (await finished.json()) as Ms365SignInFinished;
      assert.equal(finished.status, 200, JSON.stringify(body));
      assert.equal(body.entry.health, 'ok', body.entry.notes.join(' '));
      assert.equal(body.entry.token_file.state, 'ok');
      assert.deepEqual(body.entry.permissions.missing, []);

      const file = stack.tokenFile('ms365_calendar', 'work');
      const cache = JSON.parse(readFileSync(file, 'utf8')) as Record<string, Record<string, Record<string, string>>>;
      assert.deepEqual(Object.keys(cache), ['AccessToken', 'Account', 'IdToken', 'RefreshToken', 'AppMetadata']);
      const account = Object.values(cache.Account!)[0]!;
      assert.equal(account.authority_type, 'MSSTS');
      assert.equal(account.environment, hosts.login, 'environment is the cloud’s login host');
      assert.equal(account.realm, 'common', 'realm is the entry’s authority tenant');
      const rt = Object.values(cache.RefreshToken!)[0]!;
      assert.match(rt.last_modification_time!, /^\d+$/, 'epoch seconds as a string');
      assert.ok(rt.target!.split(' ').includes(`https://${hosts.graph}/Calendars.ReadWrite`), rt.target);

      const scopes = [`https://${hosts.graph}/Calendars.ReadWrite`, `https://${hosts.graph}/User.Read`];
      const common = { cacheFile: file, clientId: MS365_APP.clientId, clientSecret: MS365_APP.secret, loginHost: hosts.login, tenant: 'common', emulator: stack.microsoft.origin, scopes };
      const before = stack.microsoft.stats.tokenRequests.refresh_token ?? 0;
      const read = await runReader<Record<string, any>>('read', { ...common, forceRefresh: true });
      assert.deepEqual(read.accounts, ['adele@contoso.onmicrosoft.com']);
      assert.deepEqual(read.silent, { ok: true, token_requests: 0, scope: [] }, 'the access token is found in the file');
      assert.equal(read.refresh.ok, true, JSON.stringify(read.refresh));
      assert.equal(read.refresh.token_requests, 1);
      assert.deepEqual(read.accounts_after, ['adele@contoso.onmicrosoft.com']);
      assert.equal(stack.microsoft.stats.tokenRequests.refresh_token, before + 1, 'the refresh reached the emulator');
      assert.equal(stack.microsoft.stats.lastTokenRequest?.form.client_id, MS365_APP.clientId);

      // No client secret in a response or the log; no token either.
      assert.ok(!JSON.stringify(body).includes(MS365_APP.secret));
      const secrets = [MS365_APP.secret, rt.secret!, Object.values(cache.AccessToken!)[0]!.secret!];
      assert.deepEqual(leakedSecrets(stack.service.logs, secrets), []);
    });
  }

  it('dates the access token as MSAL for Python does: its own refresh writes the same offsets', async (t) => {
    const stack = await startMs365Stack(t);
    // Distinct lifetimes so that extended_expires_on cannot pass by coinciding with expires_on.
    stack.microsoft.setAccessTokenLifetime(3599, 7200);
    const entry = stack.addEntry({ domain: 'ms365_calendar', data: entryData({ entity: 'dates' }) });
    assert.equal((await stack.signInByPaste(entry.entry_id)).status, 200);
    const file = stack.tokenFile('ms365_calendar', 'dates');
    const offsets = () => {
      const at = Object.values((JSON.parse(readFileSync(file, 'utf8')) as Record<string, Record<string, Record<string, string>>>).AccessToken!)[0]!;
      return { extended: Number(at.extended_expires_on) - Number(at.cached_at), expires: Number(at.expires_on) - Number(at.cached_at) };
    };
    const ours = offsets();
    assert.equal(ours.extended, 7200, 'extended_expires_on = cached_at + ext_expires_in');
    // msal-node dates expires_on from the moment it sent the request, a second or so before cached_at.
    assert.ok(ours.expires <= 3599 && ours.expires > 3000, `expires_on - cached_at = ${ours.expires}`);

    const read = await runReader<Record<string, any>>('read', {
      cacheFile: file, clientId: MS365_APP.clientId, clientSecret: MS365_APP.secret, tenant: 'common',
      emulator: stack.microsoft.origin, scopes: ['https://graph.microsoft.com/Calendars.Read'], forceRefresh: true, writeBack: true,
    });
    assert.equal(read.refresh.ok, true, JSON.stringify(read.refresh));
    assert.equal(read.written, true);
    assert.deepEqual(offsets(), { extended: 7200, expires: 3599 }, 'what MSAL for Python itself writes');
  });

  it('uses the entry’s tenant as the realm, and MSAL for Python still finds the access token', async (t) => {
    const stack = await startMs365Stack(t);
    const entry = stack.addEntry({ domain: 'ms365_todo', data: entryData({ entity: 'tasks', tenant: TENANT }) });
    assert.equal((await stack.signInByPaste(entry.entry_id)).status, 200);
    const file = stack.tokenFile('ms365_todo', 'tasks');
    const cache = JSON.parse(readFileSync(file, 'utf8')) as Record<string, Record<string, Record<string, string>>>;
    assert.equal(Object.values(cache.AccessToken!)[0]!.realm, TENANT);
    assert.equal(stack.microsoft.stats.lastTokenRequest?.tenant, TENANT, 'the sign-in used the entry’s tenant');
    const read = await runReader<Record<string, any>>('read', {
      cacheFile: file,
      clientId: MS365_APP.clientId,
      clientSecret: MS365_APP.secret,
      tenant: TENANT,
      emulator: stack.microsoft.origin,
      scopes: ['https://graph.microsoft.com/Tasks.Read'],
    });
    assert.deepEqual(read.silent, { ok: true, token_requests: 0, scope: [] });
  });
});
