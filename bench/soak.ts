// `npm run soak`: the reliability loops CI runs short, run long, with figures printed (asserts only
// what the loops themselves check, and exits non-zero if any check fails):
//  - the store crash test with SOAK_KILLS SIGKILLs (default 200);
//  - the consumer-API fuzzer with SOAK_REQUESTS seeded requests (default 10 000, seed SOAK_SEED).
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestContext } from 'node:test';
import { FUZZ_LIMITS, fuzzConsumerApi } from '../tests/helpers/consumer-fuzz.js';
import { startConsumerStack } from '../tests/helpers/consumer-stack.js';
import { leakedSecrets } from '../tests/helpers/service.js';
import { runCrashRounds } from '../tests/helpers/store-crash-rounds.js';

const KILLS = Number(process.env.SOAK_KILLS ?? 200);
const REQUESTS = Number(process.env.SOAK_REQUESTS ?? 10_000);
const SEED = Number(process.env.SOAK_SEED ?? 20261203);

async function crashSoak(): Promise<void> {
  const parent = mkdtempSync(path.join(os.tmpdir(), 'm365-soak-store-'));
  try {
    const figures = await runCrashRounds(path.join(parent, 'data'), { minRounds: KILLS, maxRounds: KILLS, budgetMs: 0 });
    console.log(`Store crash test: ${figures.kills} SIGKILLs in ${figures.seconds.toFixed(0)} s, ${figures.commits} commits, 0 lost or unreadable`);
    console.log(`  ${figures.midWrite} kills landed mid-write (temp file left), ${figures.inFlightLanded} after the rename but before the writer said so\n`);
  } finally {
    rmSync(parent, { recursive: true, force: true });
  }
}

async function fuzzSoak(): Promise<void> {
  // The stack helpers register their clean-up through a test context's after(); this stands in for it.
  const cleanups: Array<() => unknown> = [];
  const context = { after: (fn: () => unknown) => void cleanups.push(fn) } as unknown as TestContext;
  const started = performance.now();
  try {
    const stack = await startConsumerStack(context, { logLevel: 'info', settings: { listenerLimits: FUZZ_LIMITS } });
    const full = await stack.createConsumer({ name: 'soak', account_ids: [stack.accountId], rate_limit_per_minute: 100_000 });
    const limited = await stack.createConsumer({ name: 'soak-limited', account_ids: [stack.accountId], allowed_scopes: ['Mail.Read'], rate_limit_per_minute: 100_000 });
    const result = await fuzzConsumerApi(stack, { full: full.key, limited: limited.key }, { seed: SEED, rounds: REQUESTS });
    const alive = (await stack.service.api('/health')).status === 200 && (await stack.token(full.key, { account_id: stack.accountId })).status === 200;
    const unexpected = stack.service.logs.filter((line) => line.includes('unexpected error')).length;
    const leaked = leakedSecrets(stack.service.logs, [full.key, limited.key]).length;
    const histogram = [...result.statuses.entries()].sort(([a], [b]) => a - b).map(([status, count]) => `${status}×${count}`).join(' ');
    console.log(`Consumer-API fuzzing: ${result.requests} requests (seed ${SEED}) in ${((performance.now() - started) / 1000).toFixed(0)} s`);
    console.log(`  statuses ${histogram}`);
    console.log(`  5xx or broken connections: ${result.failures.length}; 500-handler log lines: ${unexpected}; keys in the log: ${leaked}; still serving: ${alive ? 'yes' : 'NO'}\n`);
    for (const failure of result.failures.slice(0, 10)) console.log(`  ${failure}`);
    if (result.failures.length > 0 || unexpected > 0 || leaked > 0 || !alive) process.exitCode = 1;
  } finally {
    for (const cleanup of cleanups.reverse()) await cleanup();
  }
}

async function main(): Promise<void> {
  console.log(`Node ${process.version}, ${os.cpus().length} CPU(s)\n`);
  await crashSoak();
  await fuzzSoak();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
