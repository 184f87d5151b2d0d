import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { spawnService } from '../helpers/spawn-service.js';

const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');
const ARGS = (dataDir: string) => ['--data-dir', dataDir, '--ui-port', '0', '--api-port', '0'];

async function startAndStop(dataDir: string): Promise<void> {
  const service = spawnService(ARGS(dataDir));
  const ui = await Promise.race([service.listening, service.exited.then(() => Promise.reject(new Error(service.output())))]);
  assert.equal((await fetch(`${ui}/health`)).status, 200);
  service.child.kill('SIGTERM');
  const { code } = await service.exited;
  assert.equal(code, 0, 'a clean exit on SIGTERM');
}

describe('service start-up', () => {
  it('creates the store and its 0600 key on first start and reopens them', async (t) => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'm365-start-'));
    t.after(() => rmSync(dataDir, { recursive: true, force: true }));
    await startAndStop(dataDir);
    assert.equal(statSync(path.join(dataDir, 'store.key')).mode & 0o777, 0o600);
    const before = sha(path.join(dataDir, 'store.enc'));
    await startAndStop(dataDir);
    assert.equal(sha(path.join(dataDir, 'store.enc')), before, 'a restart reads the store without rewriting it');
  });

  const damages: Array<[string, (dir: string) => void, RegExp]> = [
    ['a flipped byte', (dir) => {
      const file = path.join(dir, 'store.enc');
      const bytes = readFileSync(file);
      bytes[bytes.length - 3] = (bytes[bytes.length - 3] ?? 0) ^ 0xff;
      writeFileSync(file, bytes);
    }, /store_decrypt_failed/],
    ['a missing key', (dir) => unlinkSync(path.join(dir, 'store.key')), /store_key_missing/],
    ['a truncated store', (dir) => writeFileSync(path.join(dir, 'store.enc'), readFileSync(path.join(dir, 'store.enc')).subarray(0, 10)), /store_corrupt/],
  ];
  for (const [label, damage, code] of damages) {
    it(`refuses to start on ${label}, names the file and the reason, and leaves it as it was`, async (t) => {
      const dataDir = mkdtempSync(path.join(os.tmpdir(), 'm365-start-'));
      t.after(() => rmSync(dataDir, { recursive: true, force: true }));
      await startAndStop(dataDir);
      damage(dataDir);
      const storeFile = path.join(dataDir, 'store.enc');
      const before = sha(storeFile);
      const service = spawnService(ARGS(dataDir));
      const { code: exitCode } = await service.exited;
      assert.equal(exitCode, 3, label);
      assert.match(service.output(), code, label);
      assert.ok(service.output().includes(storeFile) || service.output().includes(path.join(dataDir, 'store.key')), `${label}: names the file`);
      assert.equal(sha(storeFile), before, `${label}: the store file is untouched`);
    });
  }

  it('refuses invalid settings with a message instead of a stack trace', async () => {
    const service = spawnService(['--ui-port', 'not-a-port']);
    const { code } = await service.exited;
    assert.equal(code, 2);
    assert.match(service.output(), /Settings are not valid/);
    assert.equal(/\n\s+at /.test(service.output()), false, 'no stack trace');
  });
});
