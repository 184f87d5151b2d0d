// HA Core's WebSocket API through the Supervisor (ws://supervisor/core/websocket): one short
// conversation per call (auth with the add-on's token, the commands, close), under one deadline.
import * as z from 'zod';
import type { HaUrls } from './core-api.js';
import { HaError } from './ha-error.js';
import { callDeadline, type SupervisorConnection } from './supervisor-http.js';
import { openTextSocket, type TextSocket } from './websocket.js';

export interface CoreSession {
  command(type: string, payload?: Record<string, unknown>): Promise<unknown>;
}

const message = z.object({ type: z.string(), id: z.number().optional() }).passthrough();
const resultMessage = z.object({
  id: z.number(),
  type: z.literal('result'),
  success: z.boolean(),
  result: z.unknown().optional(),
  error: z.object({ code: z.string().optional(), message: z.string().optional() }).optional(),
});

const networkUrls = z.object({
  internal: z.string().nullish(),
  external: z.string().nullish(),
  cloud: z.string().nullish(),
});

const users = z.array(
  z
    .object({
      id: z.string(),
      name: z.string().nullish(),
      is_owner: z.boolean().default(false),
      is_active: z.boolean().default(true),
      system_generated: z.boolean().default(false),
      group_ids: z.array(z.string()).default([]),
    })
    .passthrough(),
);

export interface HaUser {
  id: string;
  name: string | null;
  isOwner: boolean;
  isActive: boolean;
  systemGenerated: boolean;
  groupIds: string[];
}

export function coreWebSocketUrl(baseUrl: string): string {
  const url = new URL('/core/websocket', baseUrl);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  return url.href;
}

export async function withCoreSession<T>(conn: SupervisorConnection, run: (session: CoreSession) => Promise<T>): Promise<T> {
  const signal = callDeadline(conn);
  const socket = await openTextSocket(coreWebSocketUrl(conn.baseUrl), signal);
  try {
    await authenticate(socket, conn.token);
    let nextId = 1;
    return await run({
      command: async (type, payload = {}) => {
        const id = nextId++;
        socket.send(JSON.stringify({ ...payload, id, type }));
        return awaitResult(socket, id, type);
      },
    });
  } finally {
    socket.close();
  }
}

async function readMessage(socket: TextSocket): Promise<z.infer<typeof message>> {
  const text = await socket.receive();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new HaError('bad_response', 'Core sent a WebSocket message that is not JSON', { cause: error });
  }
  const parsed = message.safeParse(json);
  if (!parsed.success) throw new HaError('bad_response', 'Core sent a WebSocket message without a type');
  return parsed.data;
}

async function authenticate(socket: TextSocket, token: string): Promise<void> {
  const first = await readMessage(socket);
  if (first.type === 'auth_ok') return;
  if (first.type !== 'auth_required') throw new HaError('bad_response', `expected auth_required, got ${first.type}`);
  socket.send(JSON.stringify({ type: 'auth', access_token: token }));
  const answer = await readMessage(socket);
  if (answer.type === 'auth_ok') return;
  if (answer.type === 'auth_invalid') throw new HaError('unauthorized', 'the Supervisor refused the WebSocket token');
  throw new HaError('bad_response', `expected auth_ok, got ${answer.type}`);
}

async function awaitResult(socket: TextSocket, id: number, type: string): Promise<unknown> {
  for (;;) {
    const next = await readMessage(socket);
    if (next.id !== id || next.type !== 'result') continue; // events of other subscriptions
    const result = resultMessage.safeParse(next);
    if (!result.success) throw new HaError('bad_response', `malformed result for ${type}`);
    if (result.data.success) return result.data.result;
    const reason = result.data.error?.code === 'unauthorized' ? 'forbidden' : 'command_failed';
    throw new HaError(reason, `${type}: ${result.data.error?.message ?? result.data.error?.code ?? 'failed'}`);
  }
}

/** HA's internal, external and Nabu Casa cloud URLs (`network/url`). */
export async function fetchNetworkUrls(session: CoreSession): Promise<HaUrls> {
  const parsed = networkUrls.safeParse(await session.command('network/url'));
  if (!parsed.success) throw new HaError('bad_response', 'network/url did not return URLs');
  return { internal: parsed.data.internal ?? null, external: parsed.data.external ?? null, cloud: parsed.data.cloud ?? null };
}

/** HA's users (`config/auth/list`, admin only: the Supervisor's system user is an admin). */
export async function fetchUsers(session: CoreSession): Promise<HaUser[]> {
  const parsed = users.safeParse(await session.command('config/auth/list'));
  if (!parsed.success) throw new HaError('bad_response', 'config/auth/list did not return users');
  return parsed.data.map((user) => ({
    id: user.id,
    name: user.name ?? null,
    isOwner: user.is_owner,
    isActive: user.is_active,
    systemGenerated: user.system_generated,
    groupIds: user.group_ids,
  }));
}
