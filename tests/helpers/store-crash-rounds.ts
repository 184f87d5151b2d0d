// The store crash loop, shared by its CI test (tests/unit/store/store-crash.test.ts, short) and
// `npm run soak` (bench/soak.ts, at least 200 kills): a writer process is SIGKILLed at random moments,
// and after every kill the store must open with the last committed counter or the one in flight,
// never an older or unreadable state. Throws on the first round that breaks that.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { randomInt } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { Store } from '../../server/store/store.js';

const CHILD = fileURLToPath(new URL('./store-writer-child.ts', import.meta.url));

interface Round {
  ready: number;
  committed: number[];
}

// Many kills right after start-up or within a few ms, so a good share lands inside a write.
function pickDelayMs(): number {
  const roll = randomInt(0, 100);
  if (roll < 25) return 0;
  if (roll < 60) return randomInt(0, 15);
  return randomInt(15, 250);
}

function runAndKill(dataDir: string, delayMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, dataDir], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let killed = false;
    const watchdog = setTimeout(() => child.kill('SIGKILL'), 20_000);
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      if (!killed && stdout.includes('\n')) {
        killed = true;
        setTimeout(() => child.kill('SIGKILL'), delayMs);
      }
    });
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(watchdog);
      if (!killed || signal !== 'SIGKILL') {
        reject(new Error(`writer ended on its own (code ${code}, signal ${signal}): ${stderr}`));
        return;
      }
      resolve(stdout);
    });
  });
}

// Parsed outside the child's event handlers so that a failed assertion fails the test instead of crashing the runner.
function parseOutput(stdout: string): Round {
  const lines = stdout.split('\n').filter(Boolean);
  const ready = /^ready (\d+)$/.exec(lines[0] ?? '');
  assert.ok(ready, `first line should be "ready n", got ${JSON.stringify(lines[0])}`);
  const committed = lines.slice(1).map((line) => {
    const match = /^committed (\d+)$/.exec(line);
    assert.ok(match, `unexpected line from the writer: ${JSON.stringify(line)}`);
    return Number(match[1]);
  });
  return { ready: Number(ready[1]), committed };
}

export interface CrashFigures {
  kills: number;
  commits: number;
  /** Kills that left a temp file: they landed between creating it and renaming it over store.enc. */
  midWrite: number;
  /** Kills after the rename but before the writer printed "committed". */
  inFlightLanded: number;
  seconds: number;
}

/** At least `minRounds` kills, more up to `maxRounds` while within `budgetMs`. */
export async function runCrashRounds(dataDir: string, options: { minRounds: number; maxRounds: number; budgetMs: number }): Promise<CrashFigures> {
  const started = Date.now();
  let verified = 0;
  const figures = { kills: 0, commits: 0, midWrite: 0, inFlightLanded: 0 };
  while (figures.kills < options.minRounds || (figures.kills < options.maxRounds && Date.now() - started < options.budgetMs)) {
    figures.kills += 1;
    const round = parseOutput(await runAndKill(dataDir, pickDelayMs()));
    assert.equal(round.ready, verified, 'the writer starts from the state verified after the previous kill');
    round.committed.forEach((value, i) => assert.equal(value, round.ready + i + 1, 'commits are consecutive'));
    const lastCommitted = round.committed.at(-1) ?? round.ready;
    figures.commits += round.committed.length;
    if ((await readdir(dataDir)).some((name) => name.startsWith('.store.enc.tmp-'))) figures.midWrite += 1;
    const store = await Store.open(dataDir);
    const counter = store.data.settings.counter ?? 0;
    await store.close();
    assert.ok(
      counter === lastCommitted || counter === lastCommitted + 1,
      `kill ${figures.kills}: counter ${String(counter)} on disk, last committed ${lastCommitted}`,
    );
    if (counter === lastCommitted + 1) figures.inFlightLanded += 1;
    verified = counter as number;
  }
  return { ...figures, seconds: (Date.now() - started) / 1000 };
}
