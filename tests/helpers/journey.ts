// One browser journey file's fixtures: the e2e stack and one Chromium, started before the file's
// tests and closed after them. `prepare` runs once the stack is up (save an app, sign in by API…).
import { after, before } from 'node:test';
import type { Browser } from 'playwright';
import { launchBrowser } from './browser.js';
import { startE2eStack, type E2eStack } from './e2e-stack.js';

export interface Journey {
  stack: E2eStack;
  browser: Browser;
}

export function useJourney(
  options: Parameters<typeof startE2eStack>[0] = {},
  prepare?: (stack: E2eStack) => Promise<void>,
): Journey {
  const journey = {} as Journey;
  before(async () => {
    [journey.stack, journey.browser] = await Promise.all([startE2eStack(options), launchBrowser()]);
    await prepare?.(journey.stack);
  });
  after(async () => {
    await journey.browser?.close();
    await journey.stack?.close();
  });
  return journey;
}
