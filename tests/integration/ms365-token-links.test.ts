// The attack: whoever can write to HA's config folder (Samba, SSH, File editor add-ons) puts a
// symbolic link where a token file, its backup or the token folder should be, pointing at the
// add-on's own key (/data/store.key) or another file. Signing in again, keep-alive, the entries list
// and Check what works must refuse it and say what they found: never copy the target into the
// `.bak`, never write through the link, never take the target's mode or owner.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, readlinkSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it, type TestContext } from 'node:test';
import type { Ms365ListView } from '../../server/http/contract/ms365.js';
import { entryData, startMs365Stack, type Ms365Stack } from '../helpers/ms365-stack.js';

interface ErrorBody { error: { code: string; message: string; found?: string } }

const tokenFolder = (stack: Ms365Stack) => path.join(stack.configDir, 'ms365_storage', '.MS365-token-cache');

/** A folder outside HA's config folder, as another add-on's or the add-on's own data would be. */
function outside(t: TestContext, files: Record<string, string> = {}): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'outside-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text, { mode: 0o644 });
  return dir;
}

/** Everything about a file an attack could change: its bytes, mode and, for a link, where it points. */
function snapshot(file: string): string {
  const stats = lstatSync(file);
  if (stats.isSymbolicLink()) return `link -> ${readlinkSync(file)}`;
  if (stats.isDirectory()) return `folder ${readdirSync(file).sort().join(',')}`;
  if (stats.isFIFO()) return 'fifo';
  return `${(stats.mode & 0o777).toString(8)} ${readFileSync(file, 'utf8')}`;
}

/** Every entry below `dir` with what snapshot() sees of it: what an attack could have added or changed. */
function tree(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((item) => {
    const full = path.join(dir, item.name);
    return [`${item.name}: ${snapshot(full)}`, ...(item.isDirectory() ? tree(full).map((line) => `${item.name}/${line}`) : [])];
  }).sort();
}

async function entryView(stack: Ms365Stack, entryId: string) {
  const list = (await (await stack.ui('/api/ms365/entries')).json()) as Ms365ListView;
  return list.entries.find((entry) => entry.entry_id === entryId)!;
}

async function refused(response: Response, code: string): Promise<ErrorBody['error']> {
  const body = (await response.json()) as ErrorBody;
  assert.equal(response.status, 409, JSON.stringify(body));
  assert.equal(body.error.code, code);
  return body.error;
}

describe('links and other non-files in the MS365 token folder', () => {
  it('refuses a token file that links to the add-on’s own key: no copy in the .bak, nothing written through the link', async (t) => {
    const stack = await startMs365Stack(t);
    const keyFile = path.join(stack.service.dataDir, 'store.key');
    assert.ok(existsSync(keyFile), 'the service made its key');
    const key = snapshot(keyFile);
    const entry = stack.addEntry({ domain: 'ms365_calendar', data: entryData({ entity: 'work' }) });
    const file = stack.tokenFile('ms365_calendar', 'work');
    mkdirSync(path.dirname(file), { recursive: true });
    symlinkSync(keyFile, file);

    const error = await refused(await stack.signInByPaste(entry.entry_id), 'ms365_token_file_not_regular');
    assert.match(error.message, /ms365_calendar_work\.token is a symbolic link/);
    assert.equal(snapshot(file), `link -> ${keyFile}`, 'the link is left as it was');
    assert.equal(snapshot(keyFile), key, 'the key is neither read into a backup nor overwritten');
    assert.deepEqual(readdirSync(path.dirname(file)), ['ms365_calendar_work.token'], 'no .bak, no temp file');

    // The entries list reads the same way and says what it found; it never reads the key.
    const view = await entryView(stack, entry.entry_id);
    assert.equal(view.token_file.state, 'unreadable');
    assert.match(view.token_file.reason ?? '', /symbolic link/);
    assert.ok(!JSON.stringify(view).includes(readFileSync(keyFile).toString('base64').slice(0, 16)));
  });

  it('refuses keep-alive and Check what works on a linked token file, leaving the target as it was', async (t) => {
    const stack = await startMs365Stack(t);
    const entry = stack.addEntry({ domain: 'ms365_mail', data: entryData({ entity: 'home' }) });
    assert.equal((await stack.signInByPaste(entry.entry_id)).status, 200);
    const file = stack.tokenFile('ms365_mail', 'home');
    // The real token file moved out, a link left in its place: following it would refresh and rewrite it there.
    const away = outside(t);
    const target = path.join(away, 'elsewhere.token');
    writeFileSync(target, readFileSync(file, 'utf8'), { mode: 0o644 });
    rmSync(file);
    symlinkSync(target, file);
    const before = snapshot(target);

    const refreshed = (await (await stack.ui(`/api/ms365/entries/${entry.entry_id}/refresh`, { method: 'POST' })).json()) as { outcome: { outcome: string; detail: string } };
    assert.equal(refreshed.outcome.outcome, 'failed');
    assert.match(refreshed.outcome.detail, /symbolic link/);
    assert.equal(snapshot(target), before);
    assert.deepEqual(readdirSync(away), ['elsewhere.token']);

    // Check what works, for an entry the add-on has no account for, reads the file to import it.
    const unlinked = stack.addEntry({ domain: 'ms365_todo', data: entryData({ entity: 'tasks' }) });
    symlinkSync(target, stack.tokenFile('ms365_todo', 'tasks'));
    await refused(await stack.ui(`/api/ms365/entries/${unlinked.entry_id}/capabilities`, { method: 'POST' }), 'ms365_token_file_not_regular');
    assert.equal(snapshot(target), before);
  });

  it('replaces a .bak that is a link instead of writing through it', async (t) => {
    const stack = await startMs365Stack(t);
    const entry = stack.addEntry({ domain: 'ms365_contacts', data: entryData({ entity: 'people' }) });
    assert.equal((await stack.signInByPaste(entry.entry_id)).status, 200);
    const file = stack.tokenFile('ms365_contacts', 'people');
    const previous = readFileSync(file, 'utf8');
    const away = outside(t, { 'victim.txt': 'not the add-on’s to change' });
    symlinkSync(path.join(away, 'victim.txt'), `${file}.bak`);

    assert.equal((await stack.signInByPaste(entry.entry_id)).status, 200);
    assert.equal(snapshot(path.join(away, 'victim.txt')), '644 not the add-on’s to change');
    assert.ok(lstatSync(`${file}.bak`).isFile(), 'the link was replaced by a plain backup');
    assert.equal(readFileSync(`${file}.bak`, 'utf8'), previous);
  });

  for (const [label, part] of [['the token folder', ['ms365_storage', '.MS365-token-cache']], ['ms365_storage', ['ms365_storage']]] as const) {
    it(`refuses ${label} when it is a link out of HA’s config folder, and writes nothing there`, async (t) => {
      const stack = await startMs365Stack(t);
      const entry = stack.addEntry({ domain: 'ms365_calendar', data: entryData({ entity: 'work' }) });
      const away = outside(t);
      if (part.length === 2) {
        mkdirSync(path.join(stack.configDir, 'ms365_storage'));
      } else {
        mkdirSync(path.join(away, '.MS365-token-cache'));
        writeFileSync(path.join(away, '.MS365-token-cache', 'ms365_calendar_work.token'), 'theirs', { mode: 0o644 });
      }
      symlinkSync(away, path.join(stack.configDir, ...part));
      const before = tree(away);

      const error = await refused(await stack.signInByPaste(entry.entry_id), 'ms365_token_folder_redirected');
      assert.match(error.message, /is a symbolic link, not a plain folder/);
      assert.deepEqual(tree(away), before, 'nothing written, backed up or created outside');
      const view = await entryView(stack, entry.entry_id);
      assert.equal(view.token_file.state, 'unreadable', 'the file beyond the link is never read');
      assert.match(view.token_file.reason ?? '', new RegExp(`${part.join('/').replace('.', '\\.')} is a symbolic link`));
    });
  }

  it('says what it found for a folder and a named pipe in the token file’s place, without waiting on the pipe', async (t) => {
    const stack = await startMs365Stack(t);
    mkdirSync(tokenFolder(stack), { recursive: true });
    const folderEntry = stack.addEntry({ domain: 'ms365_calendar', data: entryData({ entity: 'folder' }) });
    mkdirSync(stack.tokenFile('ms365_calendar', 'folder'));
    const pipeEntry = stack.addEntry({ domain: 'ms365_calendar', data: entryData({ entity: 'pipe' }) });
    execFileSync('mkfifo', [stack.tokenFile('ms365_calendar', 'pipe')]);

    const folder = await refused(await stack.signInByPaste(folderEntry.entry_id), 'ms365_token_file_not_regular');
    assert.equal(folder.found, 'a folder');
    const pipe = await refused(await stack.signInByPaste(pipeEntry.entry_id), 'ms365_token_file_not_regular');
    assert.equal(pipe.found, 'a named pipe');
    assert.equal(snapshot(stack.tokenFile('ms365_calendar', 'pipe')), 'fifo');
    assert.match((await entryView(stack, pipeEntry.entry_id)).token_file.reason ?? '', /named pipe/);
  });

  it('keeps the mode of the plain file it replaces, and makes a new one owner-only', async (t) => {
    const stack = await startMs365Stack(t);
    const kept = stack.addEntry({ domain: 'ms365_calendar', data: entryData({ entity: 'kept' }) });
    const fresh = stack.addEntry({ domain: 'ms365_calendar', data: entryData({ entity: 'fresh' }) });
    const file = stack.tokenFile('ms365_calendar', 'kept');
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, '{}', { mode: 0o640 });
    assert.equal((await stack.signInByPaste(kept.entry_id)).status, 200);
    assert.equal(statSync(file).mode & 0o777, 0o640);
    assert.equal(statSync(`${file}.bak`).mode & 0o777, 0o640);
    assert.equal((await stack.signInByPaste(fresh.entry_id)).status, 200);
    assert.equal(statSync(stack.tokenFile('ms365_calendar', 'fresh')).mode & 0o777, 0o600);
  });
});
