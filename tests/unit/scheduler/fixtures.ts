// Throwaway stores with accounts and app registrations in them, for scheduler and alert tests.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestContext } from 'node:test';
import { createLogger, type Logger } from '../../../server/log.js';
import type { Account, AppRegistration } from '../../../server/store/schema.js';
import { Store } from '../../../server/store/store.js';

export const T0 = Date.parse('2026-03-01T00:00:00Z');
export const DAY = 24 * 3_600_000;

export function sampleAccount(overrides: Partial<Account> = {}): Account {
  return {
    id: 'acc-1',
    appRegistrationId: 'app-1',
    homeAccountId: 'uid.tid',
    username: 'ada@example.com',
    displayName: 'Ada',
    tenantId: 'tid',
    cloud: 'global',
    grantedScopes: ['User.Read', 'Mail.Read'],
    requestedScopes: ['Mail.Read'],
    msalCache: '{}',
    status: 'ok',
    statusDetail: null,
    signedInAt: new Date(T0).toISOString(),
    lastRefreshAt: new Date(T0).toISOString(),
    refreshTokenIssuedAt: new Date(T0).toISOString(),
    ...overrides,
  };
}

export function sampleApp(overrides: Partial<AppRegistration> = {}): AppRegistration {
  return {
    id: 'app-1',
    displayName: 'Home',
    cloud: 'global',
    tenant: 'common',
    clientId: '00000000-0000-0000-0000-000000000001',
    clientSecret: 'secret-value-for-tests',
    secretExpiresOn: null,
    redirectMethod: 'paste_back',
    redirectUri: null,
    localhostRedirectUri: null,
    createdAt: new Date(T0).toISOString(),
    updatedAt: new Date(T0).toISOString(),
    configurationProblem: null,
    ...overrides,
  };
}

export async function storeWith(t: TestContext, data: { apps?: AppRegistration[]; accounts?: Account[] }): Promise<Store> {
  const dir = await mkdtemp(join(tmpdir(), 'm365-unit-'));
  const store = await Store.open(join(dir, 'data'));
  t.after(async () => {
    await store.close();
    await rm(dir, { recursive: true, force: true });
  });
  await store.update((draft) => {
    draft.appRegistrations = data.apps ?? [sampleApp()];
    draft.accounts = data.accounts ?? [sampleAccount()];
  });
  return store;
}

export function capturedLogger(): { log: Logger; lines: string[] } {
  const lines: string[] = [];
  return { log: createLogger('trace', { write: (line: string) => void lines.push(line) }), lines };
}

export function manualClock(startMs = T0): { now: () => Date; advance(ms: number): void; set(ms: number): void } {
  let current = startMs;
  return { now: () => new Date(current), advance: (ms) => void (current += ms), set: (ms) => void (current = ms) };
}
