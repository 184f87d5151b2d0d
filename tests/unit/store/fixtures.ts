// Shared helpers for the store tests: throwaway data folders and file fingerprints.
// Never points at a real data folder; everything lives under os.tmpdir() and is removed after the test.
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestContext } from 'node:test';
import type { AppRegistration } from '../../../server/store/schema.js';

export async function tempDataDir(t: TestContext): Promise<string> {
  const parent = await mkdtemp(join(tmpdir(), 'store-test-'));
  t.after(() => rm(parent, { recursive: true, force: true }));
  // A folder that does not exist yet, so Store.open has to create it.
  return join(parent, 'data');
}

export async function sha256File(path: string): Promise<string> {
  return createHash('sha256').update(await readFile(path)).digest('hex');
}

export function sampleAppRegistration(clientSecret: string): AppRegistration {
  return {
    id: 'app-1',
    displayName: 'Test app',
    cloud: 'global',
    tenant: 'common',
    clientId: '00000000-0000-0000-0000-000000000001',
    clientSecret,
    secretExpiresOn: null,
    redirectMethod: 'paste_back',
    redirectUri: null,
    localhostRedirectUri: null,
    createdAt: '2024-01-01T00:00:00.000Z',
    updatedAt: '2024-01-01T00:00:00.000Z',
    configurationProblem: null,
  };
}
