// The core stack plus what the broker, scheduler and consumer API tests need: a clock the test moves
// (it drives the service and the emulator; msal's own expiry clock stays the real one), a signed-in
// account, a consumer key, and the scheduler stopped so that only the test decides when it ticks.
import type { TestContext } from 'node:test';
import type { TestSettings } from './service.js';
import type { Services } from '../../server/services.js';
import { startCoreStack, type CoreStack } from './core-stack.js';

type Json = Record<string, any>;

export interface TestClock {
  now(): Date;
  advance(ms: number): void;
}

export interface ConsumerStack extends CoreStack {
  clock: TestClock;
  services: Services;
  accountId: string;
  signIn(scopes?: string[]): Promise<string>;
  createConsumer(body: Record<string, unknown>): Promise<Json>;
  token(key: string, body: Record<string, unknown>): Promise<{ status: number; headers: Headers; body: Json }>;
}

/** Real time plus what the test added; `frozen` stands still between advances, for window edges. */
export function testClock(options: { frozen?: boolean } = {}): TestClock {
  let offsetMs = 0;
  const startMs = Date.now();
  const base = () => (options.frozen ? startMs : Date.now());
  return { now: () => new Date(base() + offsetMs), advance: (ms) => void (offsetMs += ms) };
}

export async function startConsumerStack(
  t: TestContext,
  options: { scopes?: string[]; appOverrides?: Record<string, unknown>; tokenLifetimeS?: number; logLevel?: string; frozenClock?: boolean; settings?: TestSettings } = {},
): Promise<ConsumerStack> {
  const clock = testClock({ frozen: options.frozenClock ?? false });
  const stack = await startCoreStack(t, { now: clock.now, ...(options.logLevel ? { logLevel: options.logLevel } : {}), ...(options.settings ? { settings: options.settings } : {}) });
  const services = stack.service.services;
  services.scheduler.stop();
  if (options.tokenLifetimeS) stack.emulator.setAccessTokenLifetime(options.tokenLifetimeS);
  const app = await stack.createApp(options.appOverrides);
  const signIn = async (scopes = options.scopes ?? ['Calendars.Read', 'Mail.Read']) => {
    const started = await stack.startSignIn(app.id, { scopes });
    const result = (await (await stack.paste(await stack.landOn(started.authorize_url))).json()) as Json;
    if (!result.account) throw new Error(`sign-in failed: ${JSON.stringify(result)}`);
    return result.account.id as string;
  };
  const accountId = await signIn();
  return {
    ...stack,
    clock,
    services,
    accountId,
    signIn,
    createConsumer: async (body) => {
      const response = await stack.service.ui('/api/consumers', { method: 'POST', json: body });
      const json = (await response.json()) as Json;
      if (response.status !== 201) throw new Error(`consumer not created: ${JSON.stringify(json)}`);
      return json;
    },
    token: async (key, body) => {
      const response = await stack.service.api('/v1/token', { method: 'POST', key, json: body });
      return { status: response.status, headers: response.headers, body: (await response.json()) as Json };
    },
  };
}
