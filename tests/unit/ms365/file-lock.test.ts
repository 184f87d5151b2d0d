import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it, type TestContext } from 'node:test';
import { AppError } from '../../../server/errors/app-error.js';
import { lockFile } from '../../../server/ms365/file-lock.js';
import { holdIntegrationLock, integrationCanLock } from '../../python/ms365-reader.js';

function tokenFile(t: TestContext): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ms365-lock-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const file = path.join(dir, 'ms365_calendar_work.token');
  writeFileSync(file, '{}');
  return file;
}

describe('lockFile', () => {
  it('takes the same flock the integration takes: the integration cannot lock while we hold it', async (t) => {
    const file = tokenFile(t);
    assert.equal(await integrationCanLock(file), true);
    const lock = await lockFile(file);
    assert.equal(await integrationCanLock(file), false, 'portalocker would fail with LockException');
    await lock.release();
    assert.equal(await integrationCanLock(file), true, 'released when our descriptor closes');
  });

  it('waits while the integration holds the lock, and gets it once released', async (t) => {
    const file = tokenFile(t);
    const holder = await holdIntegrationLock(file);
    const waiting = lockFile(file, 5_000);
    setTimeout(() => void holder.release(), 300);
    const lock = await waiting;
    assert.equal(await integrationCanLock(file), false);
    await lock.release();
  });

  it('gives up with ms365_token_file_locked when the integration keeps the lock', async (t) => {
    const file = tokenFile(t);
    const holder = await holdIntegrationLock(file);
    t.after(() => holder.release());
    await assert.rejects(lockFile(file, 300), (error: unknown) => error instanceof AppError && error.code === 'ms365_token_file_locked');
  });

  it('never creates a missing file (an empty token file reads as signed out)', async (t) => {
    const file = `${tokenFile(t)}.missing`;
    await assert.rejects(lockFile(file), (error: NodeJS.ErrnoException) => error.code === 'ENOENT');
    assert.equal(existsSync(file), false);
  });

  it('refuses with ms365_lock_unavailable when flock is not installed, and leaves the file alone', async (t) => {
    const file = tokenFile(t);
    const path = process.env.PATH;
    process.env.PATH = '/nonexistent';
    t.after(() => {
      process.env.PATH = path;
    });
    await assert.rejects(lockFile(file), (error: unknown) => error instanceof AppError && error.code === 'ms365_lock_unavailable');
    process.env.PATH = path;
    assert.equal(await integrationCanLock(file), true);
  });
});
