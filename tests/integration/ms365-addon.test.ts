// In add-on mode against the emulated Supervisor and Core: entries come with HA's state, "sign in
// again" writes the file and reloads the entry through the Core API, and the reload (the emulated
// integration's setup, here MSAL for Python reading the file and the integration's permission check)
// turns a failed entry into a loaded one.
import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, it } from 'node:test';
import type { Ms365ListView, Ms365SignInFinished } from '../../server/http/contract/ms365.js';
import { entryPermissions } from '../../server/ms365/entry-permissions.js';
import type { Ms365Domain } from '../../server/ms365/domains.js';
import type { SetupCheck } from '../emulators/home-assistant/config-entries.js';
import { MS365_APP, entryData, startMs365Stack } from '../helpers/ms365-stack.js';
import { runReader } from '../python/ms365-reader.js';

/** The integration's async_setup_entry, with the real reader: load the file, find the account, check permissions. */
function pythonSetup(emulator: string): SetupCheck {
  return async (entry, configDir) => {
    const file = path.join(configDir, 'ms365_storage', '.MS365-token-cache', `${entry.domain}_${String(entry.data.entity_name)}.token`);
    try {
      const read = await runReader<{ loaded: boolean; accounts?: string[] }>('read', { cacheFile: file, clientId: MS365_APP.clientId, clientSecret: MS365_APP.secret, emulator });
      if (!read.loaded || !read.accounts?.length) return { state: 'setup_error', reason: null };
      const verdict = await runReader<{ result: string }>('check-permissions', { cacheFile: file, required: entryPermissions(entry.domain as Ms365Domain, entry.data).scopes });
      return { state: verdict.result === 'ok' ? 'loaded' : 'setup_error', reason: null };
    } catch {
      return { state: 'setup_error', reason: null }; // no file: the "missing" repair
    }
  };
}

describe('MS365 entries in add-on mode', () => {
  it('shows HA’s state, signs the entry in again, reloads it, and HA loads it', async (t) => {
    const stack = await startMs365Stack(t, { addon: true });
    stack.entries.setupCheck = pythonSetup(stack.microsoft.origin);
    const entry = stack.addEntry({ domain: 'ms365_calendar', data: entryData({ entity: 'family', options: { enable_update: true } }) });
    await stack.entries.setUp(entry);
    assert.equal(entry.state, 'setup_error', 'no token file yet: the integration cannot start');

    const before = (await (await stack.ui('/api/ms365/entries')).json()) as Ms365ListView;
    assert.equal(before.core_api.available, true);
    const listed = before.entries.find((e) => e.entry_id === entry.entry_id)!;
    assert.equal(listed.ha.state, 'setup_error');
    assert.equal(listed.token_file.state, 'missing');
    assert.equal(listed.health, 'needs_sign_in');

    const response = await stack.signInByPaste(entry.entry_id);
    const body = (await response.json()) as Ms365SignInFinished;
    assert.equal(response.status, 200, JSON.stringify(body));
    assert.deepEqual(body.reload, { requested: true, ok: true, problem: null });
    assert.deepEqual(stack.entries.reloads, [entry.entry_id]);
    assert.equal(body.entry.ha.state, 'loaded', 'the state after the reload');
    assert.equal(body.entry.health, 'ok');
    assert.equal(body.username, 'adele@contoso.onmicrosoft.com');
    assert.equal(body.backup, null, 'there was no file to keep');
  });

  it('still lists entries from HA’s storage when Core does not answer, and says so', async (t) => {
    const stack = await startMs365Stack(t, { addon: true });
    stack.addEntry({ domain: 'ms365_todo', data: entryData({ entity: 'chores' }) });
    stack.addon!.ha.supervisor.setFault({ kind: 'down' });
    const view = (await (await stack.ui('/api/ms365/entries')).json()) as Ms365ListView;
    assert.equal(view.core_api.available, false);
    assert.ok(view.core_api.problem);
    assert.equal(view.entries.length, 1);
    assert.equal(view.entries[0]!.ha.state, null);
  });
});
