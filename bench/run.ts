// `npm run bench`: prints figures, asserts nothing. Measures the built service (dist/server/main.js,
// as the add-on runs it) against the Microsoft emulator:
//  1. time from process start to /health answering, next to a bare Node HTTP server's start;
//  2. RSS after start, and after 100 000 and 200 000 token requests;
//  3. cached-token requests per second and p50/p99 latency under 50 keep-alive connections, both
//     ways of asking (GET /v1/accounts/{id}/token, the read other add-ons are told to use, and
//     POST /v1/token), next to a bare Fastify hello-world in the same run (the ratio the issue asks
//     for) and bare Fastify answering a POST with the same bytes; plus the server's CPU time per
//     request, which is steadier than req/s on a shared machine;
//  4. the production node_modules, as installed and as the image prunes it.
// BENCH_ONLY=startup stops after the start-up, RSS-after-start and footprint figures.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startMicrosoftEmulator } from '../tests/emulators/microsoft/index.js';
import { buildRequest, runLoad, type LoadResult, type LoadSpec } from './load.js';
import { cpuMs, freePort, median, PINNING, pinSelf, rssMiB, start, stop, waitForRoute } from './processes.js';
import { productionFootprint } from './footprint.js';
import { prepareService } from './setup.js';

const SERVICE = path.resolve('dist/server/main.js');
const BASELINE = path.resolve('bench/fastify-hello.mjs');
const CONNECTIONS = 50;
const MEASURE_MS = Number(process.env.BENCH_MEASURE_MS ?? 10_000);
const WARMUP_MS = 2_000;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const STARTS = 5;
const LOG_LEVEL = process.env.BENCH_LOG_LEVEL ?? 'info';

interface Measured extends LoadResult {
  cpuUsPerRequest: number;
}

async function measure(spec: LoadSpec, pid: number): Promise<Measured> {
  await runLoad({ ...spec, durationMs: WARMUP_MS });
  const before = cpuMs(pid);
  const result = await runLoad({ ...spec, durationMs: MEASURE_MS });
  return { ...result, cpuUsPerRequest: ((cpuMs(pid) - before) * 1000) / Math.max(1, result.completed) };
}

async function startService(endpointOverride: string) {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'm365-bench-'));
  const [uiPort, apiPort] = [await freePort(), await freePort()];
  const { child, startedAt } = start(process.execPath, [SERVICE], {
    M365_DATA_DIR: dataDir,
    M365_UI_PORT: String(uiPort),
    M365_API_PORT: String(apiPort),
    M365_ENDPOINT_OVERRIDE: endpointOverride,
    M365_LOG_LEVEL: LOG_LEVEL,
  });
  const startedMs = await waitForRoute(apiPort, '/health', startedAt);
  return {
    pid: child.pid!,
    apiPort,
    uiPort,
    startedMs,
    stop: async () => {
      await stop(child);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

async function startupTimes(endpointOverride: string): Promise<{ service: number; bareHttp: number; bareNode: number }> {
  const service: number[] = [];
  const bareHttp: number[] = [];
  const bareNode: number[] = [];
  for (let i = 0; i < STARTS; i += 1) {
    const running = await startService(endpointOverride);
    service.push(running.startedMs);
    await running.stop();
    const port = await freePort();
    const bare = start(process.execPath, ['-e', `require('node:http').createServer((q, s) => s.end('ok')).listen(${port}, '127.0.0.1')`]);
    bareHttp.push(await waitForRoute(port, '/', bare.startedAt));
    await stop(bare.child);
    const noop = start(process.execPath, ['-e', '0']);
    await new Promise((resolve) => noop.child.once('exit', resolve));
    bareNode.push(performance.now() - noop.startedAt);
  }
  return { service: median(service), bareHttp: median(bareHttp), bareNode: median(bareNode) };
}

const ms = (value: number) => `${value.toFixed(2).padStart(6)} ms`;
const row = (label: string, r: Measured) =>
  `  ${label.padEnd(34)} ${r.rps.toFixed(0).padStart(7)} req/s   p50 ${ms(r.p50Ms)}   p99 ${ms(r.p99Ms)}   ${r.cpuUsPerRequest.toFixed(0).padStart(4)} µs CPU/req   (${r.non2xx} non-2xx, ${r.errors} socket errors)`;
const mean = (runs: Measured[], pick: (r: Measured) => number) => runs.reduce((sum, run) => sum + pick(run), 0) / runs.length;

async function tokenAnswer(port: number, request: Buffer): Promise<string> {
  const { connect } = await import('node:net');
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.end(request.toString('latin1').replace('Connection: keep-alive', 'Connection: close')));
    let raw = '';
    socket.on('data', (chunk) => (raw += chunk.toString('utf8')));
    socket.on('end', () => resolve(raw.slice(raw.indexOf('\r\n\r\n') + 4)));
    socket.on('error', reject);
  });
}

async function main(): Promise<void> {
  if (!existsSync(SERVICE)) throw new Error('dist/server/main.js is missing: run `npm run build:server` first (npm run bench does).');
  pinSelf();
  const emulator = await startMicrosoftEmulator({ host: '127.0.0.1' });
  console.log(`Node ${process.version}, ${os.cpus().length} CPU(s) (${os.cpus()[0]?.model ?? 'unknown'}), service log level ${LOG_LEVEL}, `
    + `${PINNING ? 'servers pinned to CPU 1, load generator to CPU 0' : 'no CPU pinning'}\n`);

  const times = await startupTimes(emulator.origin);
  console.log(`Start-up (median of ${STARTS}, process start → first 200 from /health, fresh data folder):`);
  console.log(`  service (consumer /health)         ${times.service.toFixed(0).padStart(5)} ms`);
  console.log(`  bare node http server              ${times.bareHttp.toFixed(0).padStart(5)} ms   (the service takes ${(times.service / times.bareHttp).toFixed(1)}× as long)`);
  console.log(`  bare \`node -e 0\` (start and exit)  ${times.bareNode.toFixed(0).padStart(5)} ms\n`);

  const service = await startService(emulator.origin);
  await new Promise((resolve) => setTimeout(resolve, 1000));
  const rssStart = rssMiB(service.pid);
  const footprint = productionFootprint(process.cwd());
  const printFootprint = () => console.log(`Production node_modules: ${footprint.installedMB.toFixed(1)} MB installed, ${footprint.prunedMB.toFixed(1)} MB as the image keeps it (pruned)\n`);
  if (process.env.BENCH_ONLY === 'startup') {
    console.log(`Memory: RSS after start ${rssStart.toFixed(1)} MiB\n`);
    printFootprint();
    await service.stop();
    await emulator.close();
    return;
  }
  const { accountId, keys } = await prepareService(`http://127.0.0.1:${service.uiPort}`, emulator, CONNECTIONS);
  const body = JSON.stringify({ account_id: accountId, scopes: ['Mail.Read'] });
  const tokenRequest = (host: string, pathname: string, key: string) =>
    buildRequest({ method: 'POST', host, path: pathname, headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' }, body });
  const readRequest = (key: string) =>
    buildRequest({ method: 'GET', host: `127.0.0.1:${service.apiPort}`, path: `/v1/accounts/${accountId}/token?scopes=Mail.Read`, headers: { authorization: `Bearer ${key}` } });
  // One key per connection, each at the highest rate limit: the limit is not what is measured.
  const readSpec: LoadSpec = { host: '127.0.0.1', port: service.apiPort, requests: keys.map(readRequest), connections: CONNECTIONS };
  const tokenSpec: LoadSpec = { host: '127.0.0.1', port: service.apiPort, requests: keys.map((key) => tokenRequest(`127.0.0.1:${service.apiPort}`, '/v1/token', key)), connections: CONNECTIONS };
  const rssReady = rssMiB(service.pid);
  // Both routes, so both paths' caches and buffers are in the figure.
  const first = await runLoad({ ...readSpec, totalRequests: 50_000 });
  const firstPost = await runLoad({ ...tokenSpec, totalRequests: 50_000 });
  first.non2xx += firstPost.non2xx;
  const rss100k = rssMiB(service.pid);
  const second = await runLoad({ ...readSpec, totalRequests: 50_000 });
  const secondPost = await runLoad({ ...tokenSpec, totalRequests: 50_000 });
  second.non2xx += secondPost.non2xx;
  const rss200k = rssMiB(service.pid);
  console.log('Memory (RSS of the service process):');
  console.log(`  after start                        ${rssStart.toFixed(1).padStart(6)} MiB`);
  console.log(`  after sign-in and ${CONNECTIONS} keys           ${rssReady.toFixed(1).padStart(6)} MiB`);
  console.log(`  after 100 000 token requests       ${rss100k.toFixed(1).padStart(6)} MiB   (${first.non2xx} non-2xx)`);
  console.log(`  after 200 000 token requests       ${rss200k.toFixed(1).padStart(6)} MiB   (${second.non2xx} non-2xx; the second 100 000 added ${(rss200k - rss100k).toFixed(1)} MiB)\n`);
  printFootprint();

  const answer = await tokenAnswer(service.apiPort, readSpec.requests[0]!);
  const basePort = await freePort();
  const baseline = start(process.execPath, [BASELINE], { PORT: String(basePort), ANSWER: answer });
  await waitForRoute(basePort, '/', baseline.startedAt);
  const helloSpec: LoadSpec = { host: '127.0.0.1', port: basePort, requests: [buildRequest({ method: 'GET', host: `127.0.0.1:${basePort}`, path: '/' })], connections: CONNECTIONS };
  const shapeSpec: LoadSpec = { host: '127.0.0.1', port: basePort, requests: [tokenRequest(`127.0.0.1:${basePort}`, '/token', keys[0]!)], connections: CONNECTIONS };
  const runs = { hello: [] as Measured[], shape: [] as Measured[], read: [] as Measured[], token: [] as Measured[] };
  for (let round = 0; round < ROUNDS; round += 1) {
    runs.hello.push(await measure(helloSpec, baseline.child.pid!));
    runs.read.push(await measure(readSpec, service.pid));
    runs.shape.push(await measure(shapeSpec, baseline.child.pid!));
    runs.token.push(await measure(tokenSpec, service.pid));
  }
  console.log(`Throughput, ${CONNECTIONS} keep-alive connections, ${MEASURE_MS / 1000} s per run after ${WARMUP_MS / 1000} s warm-up, ${ROUNDS} alternating rounds:`);
  runs.hello.forEach((r, i) => console.log(row(`Fastify hello-world GET #${i + 1}`, r)));
  runs.shape.forEach((r, i) => console.log(row(`Fastify POST, same bytes #${i + 1}`, r)));
  runs.read.forEach((r, i) => console.log(row(`service GET …/token (cached) #${i + 1}`, r)));
  runs.token.forEach((r, i) => console.log(row(`service POST /v1/token (cached) #${i + 1}`, r)));
  const rps = (key: keyof typeof runs) => mean(runs[key], (r) => r.rps);
  const cpu = (key: keyof typeof runs) => mean(runs[key], (r) => r.cpuUsPerRequest);
  // Means over the rounds, and the spread of the same ratio round by round (each round's runs are
  // seconds apart, so a noisy neighbour shows up as a spread rather than as a shifted mean).
  const ratio = (label: string, a: keyof typeof runs, b: keyof typeof runs, note: string) => {
    const perRound = runs[a].map((run, i) => run.rps / runs[b][i]!.rps);
    const spread = `per round ${Math.min(...perRound).toFixed(2)}–${Math.max(...perRound).toFixed(2)}, median ${median(perRound).toFixed(2)}`;
    console.log(`  ${label.padEnd(40)} ${(rps(a) / rps(b)).toFixed(2)} by req/s (${spread}), ${(cpu(b) / cpu(a)).toFixed(2)} by CPU per request${note}`);
  };
  console.log('');
  ratio('cached-token GET / hello-world:', 'read', 'hello', ' (target ≥ 0.70)');
  ratio('cached-token POST / hello-world:', 'token', 'hello', '');
  ratio('bare POST same bytes / hello-world:', 'shape', 'hello', ' (a POST body alone, in bare Fastify)');
  ratio('cached-token POST / bare POST same bytes:', 'token', 'shape', ' (what the service adds to a POST)');

  await stop(baseline.child);
  await service.stop();
  await emulator.close();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
