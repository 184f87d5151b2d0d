// Tests the Store's normal life: first start, round trip, encryption at rest, frozen snapshots, the update queue, close.
import assert from 'node:assert/strict';
import fsp from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { pino } from 'pino';
import { Store, type StoreLogger } from '../../../server/store/store.js';
import { emptyStoreData } from '../../../server/store/schema.js';
import { sampleAppRegistration, sha256File, tempDataDir } from './fixtures.js';

const SECRET = 'zq8~Distinctive-Client-Secret-7f3a9c';

function recordingLogger(): StoreLogger & { lines: string[] } {
  const lines: string[] = [];
  const record = (obj: Record<string, unknown>, msg: string) => void lines.push(`${msg} ${JSON.stringify(obj)}`);
  return { lines, info: record, warn: record };
}

test('first start creates a private folder, a 0600 key of 32 random bytes and an empty store', async (t) => {
  const dir = await tempDataDir(t);
  const store = await Store.open(dir);
  t.after(() => store.close());
  assert.deepEqual(store.data, emptyStoreData());
  assert.equal(store.path, join(dir, 'store.enc'));
  assert.equal(store.keyPath, join(dir, 'store.key'));
  assert.equal((await fsp.stat(dir)).mode & 0o777, 0o700);
  assert.equal((await fsp.stat(store.keyPath)).mode & 0o777, 0o600);
  assert.equal((await fsp.stat(store.path)).mode & 0o777, 0o600);
  const keyText = await fsp.readFile(store.keyPath, 'utf8');
  assert.match(keyText, /^[A-Za-z0-9+/]{43}=\n$/);
  const key = Buffer.from(keyText, 'base64');
  assert.equal(key.length, 32);
  assert.ok(new Set(key).size > 8, 'the key bytes look random');
  const other = await tempDataDir(t);
  await (await Store.open(other)).close();
  assert.notEqual(await fsp.readFile(join(other, 'store.key'), 'utf8'), keyText, 'each data folder gets its own key');
});

test('round trip: data written by update comes back on reopen, and no plaintext is on disk', async (t) => {
  const dir = await tempDataDir(t);
  const logger = recordingLogger();
  const store = await Store.open(dir, { logger });
  const returned = await store.update((draft) => {
    draft.appRegistrations.push(sampleAppRegistration(SECRET));
    draft.settings.counter = 1;
    return 'done';
  });
  assert.equal(returned, 'done');
  const expected = store.data;
  await store.close();

  const raw = await fsp.readFile(join(dir, 'store.enc'));
  for (const needle of [SECRET, 'clientSecret', 'Test app', '"version"']) {
    assert.equal(raw.includes(needle), false, `store.enc contains ${needle}`);
  }
  const reopened = await Store.open(dir, { logger });
  t.after(() => reopened.close());
  assert.deepEqual(reopened.data, expected);
  assert.equal(reopened.data.appRegistrations[0]?.clientSecret, SECRET);
  assert.ok(logger.lines.length > 0);
  assert.ok(logger.lines.every((line) => !line.includes(SECRET)), 'the logs never carry store contents');
});

test('a pino logger is accepted', async (t) => {
  const store = await Store.open(await tempDataDir(t), { logger: pino({ level: 'silent' }) });
  await store.close();
});

test('data is a deep-frozen snapshot that later updates do not change', async (t) => {
  const store = await Store.open(await tempDataDir(t));
  t.after(() => store.close());
  await store.update((draft) => void draft.appRegistrations.push(sampleAppRegistration('s1')));
  const before = store.data;
  assert.throws(() => {
    (before.appRegistrations[0] as { clientSecret: string }).clientSecret = 'changed';
  }, TypeError);
  assert.throws(() => (before.settings as Record<string, unknown>).x = 1, TypeError);
  assert.throws(() => (before.accounts as unknown[]).push({}), TypeError);
  await store.update((draft) => {
    draft.appRegistrations[0]!.clientSecret = 's2';
  });
  assert.equal(before.appRegistrations[0]?.clientSecret, 's1');
  assert.equal(store.data.appRegistrations[0]?.clientSecret, 's2');
});

test('objects the mutator keeps a reference to cannot reach the stored state', async (t) => {
  const store = await Store.open(await tempDataDir(t));
  t.after(() => store.close());
  const mine = { nested: { value: 1 } };
  await store.update((draft) => void (draft.settings.mine = mine));
  mine.nested.value = 2;
  assert.deepEqual(store.data.settings.mine, { nested: { value: 1 } });
  assert.equal(Object.isFrozen(mine), false, 'the caller’s own object is not frozen behind its back');
});

test('a throwing mutator leaves memory and disk unchanged, and later updates still work', async (t) => {
  const dir = await tempDataDir(t);
  const store = await Store.open(dir);
  t.after(() => store.close());
  await store.update((draft) => void (draft.settings.counter = 1));
  const diskBefore = await sha256File(store.path);
  await assert.rejects(
    store.update(async (draft) => {
      draft.settings.counter = 99;
      throw new Error('mutator failed');
    }),
    /mutator failed/,
  );
  assert.equal(store.data.settings.counter, 1);
  assert.equal(await sha256File(store.path), diskBefore);
  await store.update((draft) => void (draft.settings.counter = 2));
  assert.equal(store.data.settings.counter, 2);
});

test('a change that breaks the schema is rejected without naming the value', async (t) => {
  const store = await Store.open(await tempDataDir(t));
  t.after(() => store.close());
  const diskBefore = await sha256File(store.path);
  await assert.rejects(
    store.update((draft) => {
      draft.appRegistrations.push({ ...sampleAppRegistration(SECRET), cloud: 'mars' as 'global' });
    }),
    (error: Error) => /appRegistrations\.0\.cloud/.test(error.message) && !error.message.includes(SECRET),
  );
  assert.deepEqual(store.data, emptyStoreData());
  assert.equal(await sha256File(store.path), diskBefore);
});

test('a failed write leaves memory and disk unchanged, and the queue keeps working', async (t) => {
  const store = await Store.open(await tempDataDir(t));
  t.after(() => store.close());
  await store.update((draft) => void (draft.settings.counter = 1));
  const diskBefore = await sha256File(store.path);
  const rename = t.mock.method(fsp, 'rename', async () => {
    throw Object.assign(new Error('simulated ENOSPC'), { code: 'ENOSPC' });
  });
  await assert.rejects(store.update((draft) => void (draft.settings.counter = 2)), /simulated ENOSPC/);
  assert.equal(store.data.settings.counter, 1);
  assert.equal(await sha256File(store.path), diskBefore);
  rename.mock.restore();
  await store.update((draft) => void (draft.settings.counter = 3));
  assert.equal(store.data.settings.counter, 3);
  assert.deepEqual((await fsp.readdir(join(store.path, '..'))).sort(), ['store.enc', 'store.key']);
});

test('100 concurrent increments are serialized and all land', async (t) => {
  const dir = await tempDataDir(t);
  const store = await Store.open(dir);
  const increments = Array.from({ length: 100 }, () =>
    store.update(async (draft) => {
      const current = typeof draft.settings.counter === 'number' ? draft.settings.counter : 0;
      await new Promise((resolve) => setImmediate(resolve)); // give a racing update every chance to interleave
      draft.settings.counter = current + 1;
      return current + 1;
    }),
  );
  assert.deepEqual(await Promise.all(increments), Array.from({ length: 100 }, (_, i) => i + 1));
  assert.equal(store.data.settings.counter, 100);
  await store.close();
  const reopened = await Store.open(dir);
  t.after(() => reopened.close());
  assert.equal(reopened.data.settings.counter, 100);
});

test('close waits for queued updates and refuses later ones', async (t) => {
  const dir = await tempDataDir(t);
  const store = await Store.open(dir);
  const pending = store.update(async (draft) => {
    await new Promise((resolve) => setTimeout(resolve, 30));
    draft.settings.counter = 7;
  });
  await store.close();
  await pending;
  await assert.rejects(store.update((draft) => void (draft.settings.counter = 8)), /closed/);
  assert.equal(store.data.settings.counter, 7);
  const reopened = await Store.open(dir);
  t.after(() => reopened.close());
  assert.equal(reopened.data.settings.counter, 7);
});

test('a key without a store is fine: an empty store is created with that key', async (t) => {
  const dir = await tempDataDir(t);
  const first = await Store.open(dir);
  await first.close();
  const keyBefore = await sha256File(first.keyPath);
  await fsp.rm(first.path);
  const logger = recordingLogger();
  const store = await Store.open(dir, { logger });
  t.after(() => store.close());
  assert.deepEqual(store.data, emptyStoreData());
  assert.equal(await sha256File(store.keyPath), keyBefore);
  assert.ok(logger.lines.some((line) => line.includes('store.enc does not')));
});

test('open removes temp files a crashed writer left behind', async (t) => {
  const dir = await tempDataDir(t);
  await (await Store.open(dir)).close();
  await fsp.writeFile(join(dir, '.store.enc.tmp-1234-abcdef'), 'half written');
  const store = await Store.open(dir);
  t.after(() => store.close());
  assert.deepEqual((await fsp.readdir(dir)).sort(), ['store.enc', 'store.key']);
});
