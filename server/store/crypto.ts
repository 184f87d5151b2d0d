// The store's key file and its AES-256-GCM envelope (magic + version header, random IV, auth tag).
// Must never log, return in errors or write anywhere but store.key the key material, and never replace an existing key.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from './atomic-file.js';
import { StoreOpenError } from './store-error.js';

export const KEY_FILE = 'store.key';
export const KEY_BYTES = 32;
const MAGIC = Buffer.from('M365', 'ascii');
const FORMAT_VERSION = 1;
const HEADER_BYTES = MAGIC.length + 1;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const MIN_BLOB_BYTES = HEADER_BYTES + IV_BYTES + TAG_BYTES;
// base64 of exactly 32 bytes; the file is text so that it survives copy-paste into a password manager.
const KEY_TEXT = /^[A-Za-z0-9+/]{43}=$/;

export function keyPath(dataDir: string): string {
  return join(dataDir, KEY_FILE);
}

/**
 * Reads the store key from `<dataDir>/store.key`. When the file is missing, a new random key is written
 * only if `create` is true; otherwise that is a `store_key_missing` refusal.
 */
export async function loadOrCreateKey(
  dataDir: string,
  options: { create: boolean },
): Promise<{ key: Buffer; created: boolean }> {
  const file = keyPath(dataDir);
  let raw: Buffer;
  try {
    raw = await readFile(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT') {
      throw new StoreOpenError('store_unreadable', file, `the key file cannot be read (${code ?? 'unknown error'})`, {
        cause: error,
      });
    }
    if (!options.create) {
      throw new StoreOpenError('store_key_missing', file, 'the key file is missing, but the encrypted store next to it exists');
    }
    const key = randomBytes(KEY_BYTES);
    await writeFileAtomic(file, `${key.toString('base64')}\n`, { mode: 0o600 });
    return { key, created: true };
  }
  return { key: parseKey(raw, file), created: false };
}

function parseKey(raw: Buffer, file: string): Buffer {
  const text = raw.toString('latin1').replace(/\r?\n$/, '');
  if (!KEY_TEXT.test(text)) {
    // Length only: the content may be a real key pasted wrongly and must not end up in a log.
    throw new StoreOpenError(
      'store_key_invalid',
      file,
      `the key file does not hold a ${KEY_BYTES}-byte key in base64 (it has ${raw.length} bytes)`,
    );
  }
  return Buffer.from(text, 'base64');
}

function assertKey(key: Buffer): void {
  if (key.length !== KEY_BYTES) throw new TypeError(`store key must be ${KEY_BYTES} bytes`);
}

export function encrypt(plain: Buffer, key: Buffer): Buffer {
  assertKey(key);
  const header = Buffer.concat([MAGIC, Buffer.from([FORMAT_VERSION])]);
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
  // The header is authenticated too, so a flipped version byte is caught instead of changing how the rest is read.
  cipher.setAAD(header);
  const ciphertext = Buffer.concat([cipher.update(plain), cipher.final()]);
  return Buffer.concat([header, iv, cipher.getAuthTag(), ciphertext]);
}

/** `file` only names the source in the error message. */
export function decrypt(blob: Buffer, key: Buffer, file = 'store.enc'): Buffer {
  assertKey(key);
  if (blob.length === 0) throw new StoreOpenError('store_corrupt', file, 'the file is empty');
  if (blob.length < MIN_BLOB_BYTES || !blob.subarray(0, MAGIC.length).equals(MAGIC)) {
    throw new StoreOpenError(
      'store_corrupt',
      file,
      blob.length < MIN_BLOB_BYTES
        ? `the file is too short (${blob.length} bytes) to be an encrypted store`
        : 'the file does not start like an encrypted store written by this add-on',
    );
  }
  const version = blob[MAGIC.length];
  if (version !== FORMAT_VERSION) {
    throw new StoreOpenError(
      'store_schema_mismatch',
      file,
      `the file uses encryption format version ${version ?? '?'}, this add-on reads version ${FORMAT_VERSION}`,
    );
  }
  const header = blob.subarray(0, HEADER_BYTES);
  const iv = blob.subarray(HEADER_BYTES, HEADER_BYTES + IV_BYTES);
  const tag = blob.subarray(HEADER_BYTES + IV_BYTES, MIN_BLOB_BYTES);
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
    decipher.setAAD(header);
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(blob.subarray(MIN_BLOB_BYTES)), decipher.final()]);
  } catch (error) {
    throw new StoreOpenError(
      'store_decrypt_failed',
      file,
      'decryption failed: store.key does not belong to this file, or the file was modified or cut short',
      { cause: error },
    );
  }
}
