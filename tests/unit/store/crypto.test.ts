// Tests the key file and the AES-256-GCM envelope: round trip, and every kind of damage refused with a StoreOpenError.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdir, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { decrypt, encrypt, KEY_BYTES, loadOrCreateKey } from '../../../server/store/crypto.js';
import { StoreOpenError, type StoreOpenErrorCode } from '../../../server/store/store-error.js';
import { sha256File, tempDataDir } from './fixtures.js';

function assertOpenError(fn: () => unknown, code: StoreOpenErrorCode): void {
  assert.throws(fn, (error: unknown) => {
    assert.ok(error instanceof StoreOpenError, `expected StoreOpenError, got ${String(error)}`);
    assert.equal(error.code, code);
    return true;
  });
}

test('encrypt then decrypt gives the plaintext back, with a fresh IV each time', () => {
  const key = randomBytes(KEY_BYTES);
  const plain = Buffer.from('{"hello":"world"}');
  const a = encrypt(plain, key);
  const b = encrypt(plain, key);
  assert.notDeepEqual(a, b);
  assert.deepEqual(decrypt(a, key), plain);
  assert.deepEqual(decrypt(b, key), plain);
  assert.deepEqual(decrypt(encrypt(Buffer.alloc(0), key), key), Buffer.alloc(0));
});

test('the blob starts with the magic and version and does not contain the plaintext', () => {
  const key = randomBytes(KEY_BYTES);
  const blob = encrypt(Buffer.from('very-distinctive-plaintext'), key);
  assert.equal(blob.subarray(0, 5).toString('latin1'), 'M365\u0001');
  assert.equal(blob.length, 5 + 12 + 16 + 'very-distinctive-plaintext'.length);
  assert.equal(blob.includes('very-distinctive-plaintext'), false);
});

test('a wrong key is refused as store_decrypt_failed', () => {
  const blob = encrypt(Buffer.from('secret'), randomBytes(KEY_BYTES));
  assertOpenError(() => decrypt(blob, randomBytes(KEY_BYTES), '/data/store.enc'), 'store_decrypt_failed');
});

test('flipping any single bit anywhere in the blob is refused', () => {
  const key = randomBytes(KEY_BYTES);
  const blob = encrypt(Buffer.from('some store content'), key);
  for (let i = 0; i < blob.length; i++) {
    const damaged = Buffer.from(blob);
    damaged[i] = (damaged[i] ?? 0) ^ 0x01;
    // Magic bytes → not our file; version byte → unknown format; IV, tag, ciphertext → authentication fails.
    const expected: StoreOpenErrorCode = i < 4 ? 'store_corrupt' : i === 4 ? 'store_schema_mismatch' : 'store_decrypt_failed';
    assertOpenError(() => decrypt(damaged, key), expected);
  }
});

test('every truncation of the blob is refused', () => {
  const key = randomBytes(KEY_BYTES);
  const blob = encrypt(Buffer.from('some store content'), key);
  for (let length = 0; length < blob.length; length++) {
    assertOpenError(() => decrypt(blob.subarray(0, length), key), length < 33 ? 'store_corrupt' : 'store_decrypt_failed');
  }
});

test('the error names the file and the reason and says nothing was changed', () => {
  try {
    decrypt(encrypt(Buffer.from('x'), randomBytes(KEY_BYTES)), randomBytes(KEY_BYTES), '/data/store.enc');
    assert.fail('decrypt should have thrown');
  } catch (error) {
    assert.ok(error instanceof StoreOpenError);
    assert.equal(error.file, '/data/store.enc');
    assert.match(error.message, /\/data\/store\.enc/);
    assert.ok(error.message.includes(error.reason));
    assert.match(error.message, /left untouched/);
  }
});

test('loadOrCreateKey creates a 0600 key once and then reads the same key back', async (t) => {
  const dir = await tempDataDir(t);
  await mkdir(dir);
  const previousUmask = process.umask(0); // a permissive umask must not make the key world-readable
  t.after(() => process.umask(previousUmask));
  const first = await loadOrCreateKey(dir, { create: true });
  assert.equal(first.created, true);
  assert.equal(first.key.length, KEY_BYTES);
  assert.equal((await stat(join(dir, 'store.key'))).mode & 0o777, 0o600);
  const second = await loadOrCreateKey(dir, { create: true });
  assert.equal(second.created, false);
  assert.deepEqual(second.key, first.key);
});

test('loadOrCreateKey without create refuses a missing key and creates nothing', async (t) => {
  const dir = await tempDataDir(t);
  await mkdir(dir);
  await assert.rejects(loadOrCreateKey(dir, { create: false }), (error: unknown) => {
    assert.ok(error instanceof StoreOpenError);
    assert.equal(error.code, 'store_key_missing');
    assert.equal(error.file, join(dir, 'store.key'));
    return true;
  });
  await assert.rejects(stat(join(dir, 'store.key')), { code: 'ENOENT' });
});

test('garbage key files are refused as store_key_invalid, unchanged, without echoing their content', async (t) => {
  const dir = await tempDataDir(t);
  await mkdir(dir);
  const file = join(dir, 'store.key');
  const samples = [
    Buffer.alloc(0),
    Buffer.from('not a key at all\n'),
    randomBytes(KEY_BYTES), // raw bytes instead of the base64 text
    Buffer.from(`${randomBytes(16).toString('base64')}\n`), // too short
    Buffer.from(`${randomBytes(48).toString('base64')}\n`), // too long
  ];
  for (const sample of samples) {
    await writeFile(file, sample);
    const before = await sha256File(file);
    await assert.rejects(loadOrCreateKey(dir, { create: true }), (error: unknown) => {
      assert.ok(error instanceof StoreOpenError);
      assert.equal(error.code, 'store_key_invalid');
      assert.ok(!error.message.includes('not a key at all'));
      return true;
    });
    assert.equal(await sha256File(file), before);
  }
});
