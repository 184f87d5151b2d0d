// Child processes for the benchmarks: free ports, spawning, waiting for a route to answer, RSS.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import os from 'node:os';

export { freePort } from '../tests/helpers/free-port.js';

function answers(port: number, path: string): Promise<boolean> {
  return new Promise((resolve) => {
    const req = request({ host: '127.0.0.1', port, path, timeout: 200 }, (res) => {
      res.resume();
      resolve(res.statusCode === 200);
    });
    req.on('error', () => resolve(false));
    req.on('timeout', () => req.destroy());
    req.end();
  });
}

/** Polls every millisecond until `path` answers 200; returns the time since `startedAt`. */
export async function waitForRoute(port: number, path: string, startedAt: number, timeoutMs = 30_000): Promise<number> {
  while (performance.now() - startedAt < timeoutMs) {
    if (await answers(port, path)) return performance.now() - startedAt;
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
  throw new Error(`nothing answered on port ${port}${path} within ${timeoutMs} ms`);
}

/** On a machine with 2+ CPUs and taskset, servers get their own CPU, apart from the load generator. */
export const PINNING = os.cpus().length >= 2 && spawnSync('taskset', ['-V']).status === 0;

/** Keeps this process (the load generator) on CPU 0 when servers are pinned to CPU 1. */
export function pinSelf(): void {
  if (PINNING) spawnSync('taskset', ['-cp', '0', String(process.pid)], { stdio: 'ignore' });
}

export function start(command: string, args: string[], env: Record<string, string> = {}): { child: ChildProcess; startedAt: number } {
  const [file, argv] = PINNING ? ['taskset', ['-c', '1', command, ...args]] : [command, args];
  const startedAt = performance.now();
  // Output goes nowhere: a benchmark must not measure how fast a terminal scrolls.
  const child = spawn(file, argv, { env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'inherit'] });
  return { child, startedAt };
}

export async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

/** Resident set size of a process in MiB (Linux /proc). */
export function rssMiB(pid: number): number {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Number(match[1]) / 1024 : Number.NaN;
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

/** CPU time (user + system) a process has used so far, in milliseconds (Linux /proc, clock ticks of 10 ms). */
export function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  // After the command name: state is field 3, utime field 14 and stime field 15 (1-based, man 5 proc).
  return (Number(fields[11]) + Number(fields[12])) * 10;
}
