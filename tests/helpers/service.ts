// Starts the real service in-process on ephemeral ports, with its log lines captured so tests can
// grep them for seeded secrets. Real store files in a temporary folder; nothing of ours is mocked.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createLogger } from '../../server/log.js';
import { startService, type RunningService } from '../../server/main.js';
import type { z } from 'zod';
import { settingsSchema } from '../../server/settings/schema.js';

/** Settings as the loader would pass them: the schema's defaults fill what is left out (listener limits included). */
export type TestSettings = Partial<z.input<typeof settingsSchema>>;

export interface TestService extends RunningService {
  dataDir: string;
  logs: string[];
  ui(pathname: string, init?: RequestInit & { json?: unknown }): Promise<Response>;
  api(pathname: string, init?: RequestInit & { json?: unknown; key?: string }): Promise<Response>;
}

export async function startTestService(options: {
  endpointOverride?: string;
  publicUrl?: string;
  dataDir?: string;
  now?: () => Date;
  settings?: TestSettings;
  /** Captured from this level up; trace unless a test needs the service as it runs by default (info). */
  logLevel?: string;
}): Promise<TestService> {
  const dataDir = options.dataDir ?? mkdtempSync(path.join(os.tmpdir(), 'm365-test-'));
  const logs: string[] = [];
  const log = createLogger(options.logLevel ?? 'trace', { write: (line: string) => void logs.push(line) });
  const settings = settingsSchema.parse({
    mode: 'standalone',
    dataDir,
    uiHost: '127.0.0.1',
    uiPort: 0,
    apiHost: '127.0.0.1',
    apiPort: 0,
    logLevel: options.logLevel ?? 'trace',
    endpointOverride: options.endpointOverride,
    publicUrl: options.publicUrl,
    supervisorUrl: 'http://127.0.0.1:9',
    webRoot: path.resolve('dist/web'),
    ...options.settings,
  });
  const running = await startService(settings, log, options.now ? { now: options.now } : {});
  const call = (base: string) => (pathname: string, init: RequestInit & { json?: unknown; key?: string } = {}) => {
    const headers = new Headers(init.headers);
    if (init.json !== undefined) headers.set('content-type', 'application/json');
    if (init.key) headers.set('authorization', `Bearer ${init.key}`);
    const body = init.json !== undefined ? JSON.stringify(init.json) : init.body;
    return fetch(`${base}${pathname}`, { ...init, headers, body: body ?? null, redirect: 'manual' });
  };
  return {
    ...running,
    dataDir,
    logs,
    ui: call(running.uiUrl),
    api: call(running.apiUrl),
    close: async () => {
      await running.close();
      if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Every captured log line that contains one of the values; the tests expect none. */
export function leakedSecrets(logs: string[], secrets: string[]): string[] {
  return secrets.filter((secret) => secret.length >= 6 && logs.some((line) => line.includes(secret)));
}
