import assert from 'node:assert/strict';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it, type TestContext } from 'node:test';
import { AppError } from '../../../server/errors/app-error.js';
import { replaceTokenFile } from '../../../server/ms365/token-file-store.js';
import { holdIntegrationLock, integrationCanLock } from '../../python/ms365-reader.js';

function folder(t: TestContext): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ms365-store-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return path.join(dir, 'ms365_storage', '.MS365-token-cache');
}

describe('replaceTokenFile', () => {
  it('keeps the previous file as .bak, keeps its mode, and leaves no temp file', async (t) => {
    const dir = folder(t);
    mkdirSync(dir, { recursive: true });
    const file = path.join(dir, 'ms365_mail_home.token');
    writeFileSync(file, '{"old": true}');
    chmodSync(file, 0o640);
    const result = await replaceTokenFile(file, async (current) => {
      assert.equal(current, '{"old": true}');
      return '{"new": true}';
    });
    assert.deepEqual(result, { written: true, backup: `${file}.bak` });
    assert.equal(readFileSync(file, 'utf8'), '{"new": true}');
    assert.equal(readFileSync(`${file}.bak`, 'utf8'), '{"old": true}');
    assert.equal(statSync(file).mode & 0o777, 0o640);
    assert.deepEqual(readdirSync(dir).sort(), ['ms365_mail_home.token', 'ms365_mail_home.token.bak']);
  });

  it('creates the folder and a missing file, with no backup', async (t) => {
    const file = path.join(folder(t), 'ms365_todo_x.token');
    const result = await replaceTokenFile(file, async (current) => {
      assert.equal(current, null);
      return '{}';
    });
    assert.deepEqual(result, { written: true, backup: null });
    assert.equal(statSync(file).mode & 0o777, 0o600, 'it holds a refresh token');
  });

  it('decides on the file as the integration left it once its lock was released', async (t) => {
    const dir = folder(t);
    mkdirSync(dir, { recursive: true });
    const file = path.join(dir, 'ms365_calendar_work.token');
    writeFileSync(file, 'before the refresh');
    const holder = await holdIntegrationLock(file);
    let seen: string | null = null;
    const writing = replaceTokenFile(file, async (current) => {
      seen = current;
      assert.equal(await integrationCanLock(file), false, 'the lock is ours while deciding');
      return 'ours';
    });
    // The integration rewrites the file in place while it holds the lock (python-o365 save_token), then releases.
    await new Promise((resolve) => setTimeout(resolve, 200));
    writeFileSync(file, 'refreshed by the integration');
    await holder.release();
    await writing;
    assert.equal(seen, 'refreshed by the integration');
    assert.equal(readFileSync(`${file}.bak`, 'utf8'), 'refreshed by the integration');
    assert.equal(await integrationCanLock(file), true, 'released afterwards');
  });

  it('writes nothing when the decision is to leave the file', async (t) => {
    const dir = folder(t);
    mkdirSync(dir, { recursive: true });
    const file = path.join(dir, 'ms365_todo_x.token');
    writeFileSync(file, 'keep');
    assert.deepEqual(await replaceTokenFile(file, async () => null), { written: false, backup: null });
    assert.deepEqual(readdirSync(dir), ['ms365_todo_x.token']);
  });

  it('releases the lock and leaves the file when the decision fails', async (t) => {
    const dir = folder(t);
    mkdirSync(dir, { recursive: true });
    const file = path.join(dir, 'ms365_todo_x.token');
    writeFileSync(file, 'keep');
    await assert.rejects(replaceTokenFile(file, async () => { throw new AppError('ms365_permissions_missing'); }), /permission/);
    assert.equal(readFileSync(file, 'utf8'), 'keep');
    assert.equal(await integrationCanLock(file), true);
  });

  it('reports ms365_token_file_unwritable and keeps what was there when the rename cannot happen', async (t) => {
    const dir = folder(t);
    mkdirSync(dir, { recursive: true });
    const file = path.join(dir, 'ms365_todo_x.token');
    writeFileSync(file, 'keep');
    mkdirSync(path.join(`${file}.bak`, 'inside'), { recursive: true }); // a folder where the backup goes: rename fails
    await assert.rejects(replaceTokenFile(file, async () => '{}'), (error: unknown) => error instanceof AppError && error.code === 'ms365_token_file_unwritable');
    assert.equal(readFileSync(file, 'utf8'), 'keep');
    assert.ok(existsSync(path.join(`${file}.bak`, 'inside')));
    assert.deepEqual(readdirSync(dir).sort(), ['ms365_todo_x.token', 'ms365_todo_x.token.bak']);
  });

  it('refuses a folder where the file should be, saying so, and touches nothing', async (t) => {
    const dir = folder(t);
    const file = path.join(dir, 'ms365_todo_x.token');
    mkdirSync(path.join(file, 'inside'), { recursive: true });
    await assert.rejects(replaceTokenFile(file, async () => '{}'), (error: unknown) => error instanceof AppError && error.code === 'ms365_token_file_not_regular' && error.details?.found === 'a folder');
    assert.ok(existsSync(path.join(file, 'inside')));
    assert.deepEqual(readdirSync(dir), ['ms365_todo_x.token']);
  });
});
