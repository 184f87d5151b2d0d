// Tests writeFileAtomic (content, exact mode, no leftovers, target intact on failure) and removeStaleTempFiles.
import assert from 'node:assert/strict';
import fsp from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { removeStaleTempFiles, writeFileAtomic } from '../../../server/store/atomic-file.js';
import { tempDataDir } from './fixtures.js';

test('writes the content with the exact mode whatever the umask, and leaves no temp file', async (t) => {
  const dir = await tempDataDir(t);
  await fsp.mkdir(dir);
  const previousUmask = process.umask(0o077);
  t.after(() => process.umask(previousUmask));
  const file = join(dir, 'store.enc');
  await writeFileAtomic(file, Buffer.from('first'), { mode: 0o640 });
  assert.equal(await fsp.readFile(file, 'utf8'), 'first');
  assert.equal((await fsp.stat(file)).mode & 0o777, 0o640);
  await writeFileAtomic(file, 'second');
  assert.equal(await fsp.readFile(file, 'utf8'), 'second');
  assert.equal((await fsp.stat(file)).mode & 0o777, 0o600);
  assert.deepEqual(await fsp.readdir(dir), ['store.enc']);
});

test('a failing rename leaves the old target and removes its temp file', async (t) => {
  const dir = await tempDataDir(t);
  await fsp.mkdir(dir);
  const file = join(dir, 'store.enc');
  await writeFileAtomic(file, 'old');
  const rename = t.mock.method(fsp, 'rename', async () => {
    throw Object.assign(new Error('simulated EIO'), { code: 'EIO' });
  });
  await assert.rejects(writeFileAtomic(file, 'new'), /simulated EIO/);
  assert.equal(rename.mock.callCount(), 1);
  assert.equal(await fsp.readFile(file, 'utf8'), 'old');
  assert.deepEqual(await fsp.readdir(dir), ['store.enc']);
});

test('a failing write leaves the old target and removes its temp file', async (t) => {
  const dir = await tempDataDir(t);
  await fsp.mkdir(dir);
  const file = join(dir, 'store.enc');
  await writeFileAtomic(file, 'old');
  // Data the file handle rejects makes the write fail after the temp file was created.
  const bad = { toString: () => 'x' } as unknown as Buffer;
  await assert.rejects(writeFileAtomic(file, bad));
  assert.equal(await fsp.readFile(file, 'utf8'), 'old');
  assert.deepEqual(await fsp.readdir(dir), ['store.enc']);
});

test('removeStaleTempFiles removes only temp files of the named file', async (t) => {
  const dir = await tempDataDir(t);
  await fsp.mkdir(dir);
  const names = ['store.enc', 'store.key', '.store.enc.tmp-12-abc', '.store.enc.tmp-99-def', '.store.key.tmp-1-0', 'other.tmp-1'];
  for (const name of names) await fsp.writeFile(join(dir, name), 'x');
  const removed = await removeStaleTempFiles(dir, 'store.enc');
  assert.deepEqual(removed.sort(), ['.store.enc.tmp-12-abc', '.store.enc.tmp-99-def']);
  assert.deepEqual((await fsp.readdir(dir)).sort(), ['.store.key.tmp-1-0', 'other.tmp-1', 'store.enc', 'store.key']);
  assert.deepEqual(await removeStaleTempFiles(join(dir, 'missing'), 'store.enc'), []);
});
