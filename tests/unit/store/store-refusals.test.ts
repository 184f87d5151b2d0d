// Tests that Store.open refuses every damaged or mismatched store with a StoreOpenError and changes no file at all.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import fsp from 'node:fs/promises';
import { join } from 'node:path';
import { test, type TestContext } from 'node:test';
import { encrypt } from '../../../server/store/crypto.js';
import { Store } from '../../../server/store/store.js';
import { StoreOpenError, type StoreOpenErrorCode } from '../../../server/store/store-error.js';
import { sampleAppRegistration, sha256File, tempDataDir } from './fixtures.js';

/** A data folder holding a valid store with one app registration. */
async function seededDataDir(t: TestContext): Promise<{ dir: string; storePath: string; keyPath: string }> {
  const dir = await tempDataDir(t);
  const store = await Store.open(dir);
  await store.update((draft) => void draft.appRegistrations.push(sampleAppRegistration('secret-value')));
  await store.close();
  return { dir, storePath: store.path, keyPath: store.keyPath };
}

async function fingerprint(dir: string): Promise<Record<string, string>> {
  const result: Record<string, string> = {};
  for (const entry of await fsp.readdir(dir, { withFileTypes: true })) {
    result[entry.name] = entry.isFile() ? await sha256File(join(dir, entry.name)) : 'not a file';
  }
  return result;
}

async function assertRefused(dir: string, code: StoreOpenErrorCode, file: string): Promise<StoreOpenError> {
  const before = await fingerprint(dir);
  let caught: unknown;
  await Store.open(dir).then(
    (store) => store.close(),
    (error: unknown) => void (caught = error),
  );
  assert.ok(caught instanceof StoreOpenError, `expected a StoreOpenError, got ${String(caught)}`);
  assert.equal(caught.code, code);
  assert.equal(caught.file, file);
  assert.ok(caught.message.includes(file), 'the message names the file');
  assert.ok(caught.message.includes(caught.reason), 'the message gives the reason');
  assert.match(caught.message, /left untouched/);
  assert.ok(!caught.message.includes('secret-value'));
  assert.deepEqual(await fingerprint(dir), before, 'every file in the data folder is byte-for-byte unchanged');
  return caught;
}

async function keyOf(keyPath: string): Promise<Buffer> {
  return Buffer.from(await fsp.readFile(keyPath, 'utf8'), 'base64');
}

test('one flipped byte in store.enc → store_decrypt_failed, both files unchanged', async (t) => {
  const { dir, storePath } = await seededDataDir(t);
  const blob = await fsp.readFile(storePath);
  const at = 5 + 12 + 16 + Math.floor((blob.length - 33) / 2); // a ciphertext byte
  blob[at] = (blob[at] ?? 0) ^ 0xff;
  await fsp.writeFile(storePath, blob);
  await assertRefused(dir, 'store_decrypt_failed', storePath);
});

test('store.key deleted while store.enc exists → store_key_missing, and no new key is made', async (t) => {
  const { dir, storePath, keyPath } = await seededDataDir(t);
  await fsp.rm(keyPath);
  const error = await assertRefused(dir, 'store_key_missing', keyPath);
  assert.match(error.message, /backup/);
  await assert.rejects(fsp.stat(keyPath), { code: 'ENOENT' });
  assert.ok((await fsp.stat(storePath)).isFile());
});

test('truncated store.enc → refused, whether cut inside the ciphertext or the header', async (t) => {
  const { dir, storePath } = await seededDataDir(t);
  const blob = await fsp.readFile(storePath);
  await fsp.writeFile(storePath, blob.subarray(0, blob.length - 1));
  await assertRefused(dir, 'store_decrypt_failed', storePath);
  await fsp.writeFile(storePath, blob.subarray(0, 20));
  await assertRefused(dir, 'store_corrupt', storePath);
  await fsp.writeFile(storePath, Buffer.alloc(0));
  await assertRefused(dir, 'store_corrupt', storePath);
});

test('a store from another key → store_decrypt_failed', async (t) => {
  const { dir, storePath } = await seededDataDir(t);
  await fsp.writeFile(storePath, encrypt(Buffer.from('{}'), randomBytes(32)));
  await assertRefused(dir, 'store_decrypt_failed', storePath);
});

test('a valid encryption of JSON that fails the schema → store_schema_mismatch', async (t) => {
  const { dir, storePath, keyPath } = await seededDataDir(t);
  const key = await keyOf(keyPath);
  const newer = { version: 2, appRegistrations: [], accounts: [], consumers: [], settings: {} };
  await fsp.writeFile(storePath, encrypt(Buffer.from(JSON.stringify(newer)), key));
  const error = await assertRefused(dir, 'store_schema_mismatch', storePath);
  assert.match(error.reason, /version/);
  const wrongShape = { version: 1, appRegistrations: [{ clientSecret: 'secret-value' }], accounts: [], consumers: [], settings: {} };
  await fsp.writeFile(storePath, encrypt(Buffer.from(JSON.stringify(wrongShape)), key));
  await assertRefused(dir, 'store_schema_mismatch', storePath);
});

test('a valid encryption of something that is not JSON → store_corrupt, without quoting it', async (t) => {
  const { dir, storePath, keyPath } = await seededDataDir(t);
  await fsp.writeFile(storePath, encrypt(Buffer.from('secret-value is not json'), await keyOf(keyPath)));
  await assertRefused(dir, 'store_corrupt', storePath);
});

test('a garbage key file → store_key_invalid, both files unchanged', async (t) => {
  const { dir, keyPath } = await seededDataDir(t);
  await fsp.writeFile(keyPath, 'this is not a key\n');
  await assertRefused(dir, 'store_key_invalid', keyPath);
  await fsp.writeFile(keyPath, randomBytes(32));
  await assertRefused(dir, 'store_key_invalid', keyPath);
});

test('a store path that cannot be read → store_unreadable', async (t) => {
  const dir = await tempDataDir(t);
  await fsp.mkdir(join(dir, 'store.enc'), { recursive: true });
  await assertRefused(dir, 'store_unreadable', join(dir, 'store.enc'));
});

test('a refused open leaves temp files of an interrupted write in place', async (t) => {
  const { dir, keyPath } = await seededDataDir(t);
  await fsp.writeFile(join(dir, '.store.enc.tmp-1-aa'), 'half written');
  await fsp.rm(keyPath);
  await assertRefused(dir, 'store_key_missing', keyPath); // the fingerprint includes the temp file
});
