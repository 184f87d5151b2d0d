// The guide remembers progress in localStorage, never the secret, and survives bad stored data.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { clearProgress, freshProgress, loadProgress, nextOpenStep, saveProgress } from '../../../web/src/guide/progress.js';

function memoryStorage(): Storage & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return {
    data,
    get length() { return data.size; },
    clear: () => data.clear(),
    getItem: (k) => data.get(k) ?? null,
    key: (i) => [...data.keys()][i] ?? null,
    removeItem: (k) => void data.delete(k),
    setItem: (k, v) => void data.set(k, String(v)),
  };
}

describe('guide progress', () => {
  it('round-trips what the user did', () => {
    const storage = memoryStorage();
    const progress = { ...freshProgress(), done: { directory: true }, clientId: '3f2b8c1d-6e4a-4b7f-9c2d-1a0e5f8b7c6d', open: 'client_id' as const };
    progress.picks.calendar.enabled = true;
    saveProgress(storage, progress);
    assert.deepEqual(loadProgress(storage), progress);
  });

  it('has no place for the client secret', () => {
    const storage = memoryStorage();
    saveProgress(storage, freshProgress());
    assert.doesNotMatch([...storage.data.values()].join(''), /secret"\s*:/i);
    assert.ok(!('clientSecret' in freshProgress()));
  });

  it('starts afresh on unreadable or foreign data, and without storage', () => {
    const storage = memoryStorage();
    storage.setItem('m365-signin.guide.v1', '{not json');
    assert.deepEqual(loadProgress(storage), freshProgress());
    storage.setItem('m365-signin.guide.v1', JSON.stringify({ version: 7 }));
    assert.deepEqual(loadProgress(storage), freshProgress());
    assert.deepEqual(loadProgress(undefined), freshProgress());
  });

  it('fills in fields added since the progress was saved', () => {
    const storage = memoryStorage();
    storage.setItem('m365-signin.guide.v1', JSON.stringify({ version: 1, done: { directory: true }, picks: { todo: { enabled: true, update: true } } }));
    const loaded = loadProgress(storage);
    assert.equal(loaded.cloud, 'global');
    assert.equal(loaded.picks.todo.update, true);
    assert.equal(loaded.picks.calendar.enabled, false);
  });

  it('clears on start-over and survives a storage that throws', () => {
    const storage = memoryStorage();
    saveProgress(storage, freshProgress());
    clearProgress(storage);
    assert.equal(storage.data.size, 0);
    const throwing = { setItem: () => { throw new Error('QuotaExceededError'); } };
    assert.doesNotThrow(() => saveProgress(throwing, freshProgress()));
  });

  it('opens the first step not done', () => {
    assert.equal(nextOpenStep({}), 'directory');
    assert.equal(nextOpenStep({ directory: true, register_app: true }), 'account_types');
    assert.equal(nextOpenStep({ directory: true, register_app: true, account_types: true, redirect_uri: true, client_id: true, client_secret: true, api_permissions: true }), 'api_permissions');
  });
});
