// Crash atomicity: a writer process is SIGKILLed at random moments, and after every kill the store must open
// with the last committed counter or the one that was in flight, never an older or unreadable state
// (the loop is tests/helpers/store-crash-rounds.ts; `npm run soak` runs it with at least 200 kills).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runCrashRounds } from '../../helpers/store-crash-rounds.js';
import { tempDataDir } from './fixtures.js';

const MIN_ROUNDS = 30;
const MAX_ROUNDS = 80;
// Rounds past the minimum only while within this budget, so a slow machine still finishes in ~40 s.
const BUDGET_MS = 15_000;

test('SIGKILL at random moments never loses a commit or leaves an unreadable store', { timeout: 120_000 }, async (t) => {
  const dataDir = await tempDataDir(t);
  const figures = await runCrashRounds(dataDir, { minRounds: MIN_ROUNDS, maxRounds: MAX_ROUNDS, budgetMs: BUDGET_MS });
  t.diagnostic(
    `${figures.kills} kills in ${figures.seconds.toFixed(1)} s, ${figures.commits} commits; ${figures.midWrite} kills left a temp file (mid-write); ` +
      `${figures.inFlightLanded} kills came after the rename but before "committed" was printed`,
  );
  assert.ok(figures.kills >= MIN_ROUNDS);
});
