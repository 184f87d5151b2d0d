// A small keep-alive HTTP/1.1 load generator: one raw socket per connection, request bytes built
// once, responses parsed just enough (status line and Content-Length) to send the next request.
// Kept this lean so that on a small machine the generator, not the server, is not what is measured.
import { connect, type Socket } from 'node:net';

export interface LoadSpec {
  host: string;
  port: number;
  /** Request bytes per connection (connection i uses requests[i % length]). */
  requests: Buffer[];
  connections: number;
  /** Stop after this long... */
  durationMs?: number;
  /** ...or after this many responses, whichever comes first. */
  totalRequests?: number;
}

export interface LoadResult {
  completed: number;
  non2xx: number;
  errors: number;
  elapsedMs: number;
  rps: number;
  p50Ms: number;
  p99Ms: number;
  statuses: Record<number, number>;
}

export function buildRequest(options: { method: string; host: string; path: string; headers?: Record<string, string>; body?: string }): Buffer {
  const body = options.body ?? '';
  const lines = [`${options.method} ${options.path} HTTP/1.1`, `Host: ${options.host}`, 'Connection: keep-alive'];
  for (const [name, value] of Object.entries(options.headers ?? {})) lines.push(`${name}: ${value}`);
  if (body) lines.push(`Content-Length: ${Buffer.byteLength(body)}`);
  return Buffer.from(`${lines.join('\r\n')}\r\n\r\n${body}`);
}

const HEADER_END = Buffer.from('\r\n\r\n');

/** Bytes of the first complete response in `buffer` and its status, or undefined when incomplete. */
function completeResponse(buffer: Buffer): { length: number; status: number } | undefined {
  const end = buffer.indexOf(HEADER_END);
  if (end === -1) return undefined;
  const head = buffer.toString('latin1', 0, end);
  const status = Number(head.slice(9, 12));
  const match = /\r\ncontent-length:\s*(\d+)/i.exec(head);
  if (!match) throw new Error(`response without Content-Length (status ${status})`);
  const length = end + 4 + Number(match[1]);
  return buffer.length >= length ? { length, status } : undefined;
}

export async function runLoad(spec: LoadSpec): Promise<LoadResult> {
  const latencies: number[] = [];
  const statuses: Record<number, number> = {};
  let sent = 0;
  let errors = 0;
  const started = performance.now();
  const deadline = started + (spec.durationMs ?? Number.POSITIVE_INFINITY);
  const budget = spec.totalRequests ?? Number.POSITIVE_INFINITY;
  const runConnection = (index: number) =>
    new Promise<void>((resolve) => {
      const request = spec.requests[index % spec.requests.length]!;
      const socket: Socket = connect(spec.port, spec.host);
      socket.setNoDelay(true);
      let pending: Buffer = Buffer.alloc(0);
      let sentAt = 0;
      const sendNext = () => {
        if (sent >= budget || performance.now() >= deadline) {
          socket.end();
          resolve();
          return;
        }
        sent += 1;
        sentAt = performance.now();
        socket.write(request);
      };
      socket.on('connect', sendNext);
      socket.on('data', (chunk: Buffer) => {
        pending = pending.length === 0 ? chunk : Buffer.concat([pending, chunk]);
        const response = completeResponse(pending);
        if (!response) return;
        latencies.push(performance.now() - sentAt);
        statuses[response.status] = (statuses[response.status] ?? 0) + 1;
        pending = pending.subarray(response.length);
        sendNext();
      });
      socket.on('error', () => {
        errors += 1;
        resolve();
      });
      socket.on('close', () => resolve());
    });
  await Promise.all(Array.from({ length: spec.connections }, (_, index) => runConnection(index)));
  const elapsedMs = performance.now() - started;
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? Number.NaN;
  const completed = latencies.length;
  const non2xx = Object.entries(statuses).filter(([status]) => !status.startsWith('2')).reduce((sum, [, count]) => sum + count, 0);
  return { completed, non2xx, errors, elapsedMs, rps: (completed / elapsedMs) * 1000, p50Ms: at(0.5), p99Ms: at(0.99), statuses };
}
