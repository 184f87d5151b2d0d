// Runs the service as its own process, the way `npm start` or the container does, and collects
// its output so tests can read what a person would see in the add-on log.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

export interface SpawnedService {
  child: ChildProcess;
  output: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Resolves with the UI URL once the service logs that it listens. */
  listening: Promise<string>;
}

export function spawnService(args: string[], env: NodeJS.ProcessEnv = {}, entry = 'server/main.ts'): SpawnedService {
  const isTs = entry.endsWith('.ts');
  const child = spawn(process.execPath, [...(isTs ? ['--import', 'tsx'] : []), path.resolve(entry), ...args], {
    env: { ...process.env, SUPERVISOR_TOKEN: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  let resolveListening: (url: string) => void = () => {};
  const listening = new Promise<string>((resolve) => (resolveListening = resolve));
  const collect = (chunk: Buffer) => {
    output += chunk.toString('utf8');
    const match = /"ui":"(http:\/\/[^"]+)"/.exec(output);
    if (match?.[1]) resolveListening(match[1]);
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  return { child, output: () => output, exited, listening };
}
