// A minimal RFC 6455 client for text messages, enough for HA's WebSocket API through the Supervisor.
// Node 20 has no global WebSocket without --experimental-websocket, and one plain ws:// connection
// to the Supervisor needs no more than this: masked text frames out; text, ping and close in.
import { createHash, randomBytes } from 'node:crypto';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';
import { HaError } from './ha-error.js';

const HANDSHAKE_GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';
/** The Supervisor caps messages from Core at 64 MiB; a users list is far below this. */
const MAX_MESSAGE_BYTES = 16 * 1024 * 1024;
const CLOSE_GRACE_MS = 1_000;

const OP_CONTINUATION = 0x0;
const OP_TEXT = 0x1;
const OP_BINARY = 0x2;
const OP_CLOSE = 0x8;
const OP_PING = 0x9;
const OP_PONG = 0xa;

export interface TextSocket {
  send(text: string): void;
  /** The next text message; rejects once the connection is closed or the deadline passed. */
  receive(): Promise<string>;
  close(): void;
}

/** Opens `ws://…`; the signal is the deadline for the whole conversation, not just the handshake. */
export function openTextSocket(url: string, signal: AbortSignal): Promise<TextSocket> {
  const target = new URL(url);
  if (target.protocol !== 'ws:') return Promise.reject(new HaError('unreachable', `unsupported WebSocket URL scheme ${target.protocol}`));
  const key = randomBytes(16).toString('base64');
  return new Promise((resolve, reject) => {
    const request = httpRequest({
      host: target.hostname.replace(/^\[|\]$/g, ''),
      port: target.port || 80,
      path: `${target.pathname}${target.search}`,
      headers: { connection: 'Upgrade', upgrade: 'websocket', 'sec-websocket-version': '13', 'sec-websocket-key': key },
      signal,
    });
    request.on('upgrade', (response: IncomingMessage, socket: Socket, head: Buffer) => {
      const expected = createHash('sha1').update(`${key}${HANDSHAKE_GUID}`).digest('base64');
      if (response.headers['sec-websocket-accept'] !== expected) {
        socket.destroy();
        reject(new HaError('bad_response', `${target.pathname} answered the upgrade with a wrong accept key`));
        return;
      }
      resolve(new FrameSocket(socket, head, signal));
    });
    request.on('response', (response) => {
      response.resume();
      const status = response.statusCode ?? 0;
      const reason = status === 401 ? 'unauthorized' : status === 403 ? 'forbidden' : 'http_error';
      reject(new HaError(reason, `${target.pathname} refused the WebSocket upgrade with ${status}`, { status }));
    });
    request.on('error', (error) => {
      reject(signal.aborted ? new HaError('timeout', `${target.pathname} timed out`, { cause: error }) : new HaError('unreachable', `${target.pathname} could not connect`, { cause: error }));
    });
    request.end();
  });
}

class FrameSocket implements TextSocket {
  readonly #socket: Socket;
  #buffer: Buffer = Buffer.alloc(0);
  #fragments: Buffer[] = [];
  #fragmentOpcode: number | null = null;
  #fragmentBytes = 0;
  readonly #messages: string[] = [];
  readonly #waiters: Array<{ resolve: (text: string) => void; reject: (error: HaError) => void }> = [];
  #failure: HaError | null = null;

  constructor(socket: Socket, head: Buffer, signal: AbortSignal) {
    this.#socket = socket;
    socket.setNoDelay(true);
    const onAbort = () => {
      this.#fail(new HaError('timeout', 'the WebSocket conversation timed out'));
      socket.destroy();
    };
    if (signal.aborted) onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    socket.on('data', (chunk: Buffer) => this.#onData(chunk));
    // 'close' always follows 'error'; the close handler reports it.
    socket.on('error', () => undefined);
    socket.on('close', () => {
      signal.removeEventListener('abort', onAbort);
      this.#fail(new HaError('unreachable', 'the WebSocket connection closed'));
    });
    if (head.length > 0) this.#onData(head);
  }

  send(text: string): void {
    if (this.#failure) throw this.#failure;
    this.#write(OP_TEXT, Buffer.from(text, 'utf8'));
  }

  receive(): Promise<string> {
    const next = this.#messages.shift();
    if (next !== undefined) return Promise.resolve(next);
    if (this.#failure) return Promise.reject(this.#failure);
    return new Promise((resolve, reject) => this.#waiters.push({ resolve, reject }));
  }

  close(): void {
    if (!this.#socket.destroyed && !this.#failure) {
      const code = Buffer.alloc(2);
      code.writeUInt16BE(1000);
      this.#write(OP_CLOSE, code);
      this.#socket.end();
    }
    this.#fail(new HaError('unreachable', 'the WebSocket connection was closed by the add-on'));
    setTimeout(() => this.#socket.destroy(), CLOSE_GRACE_MS).unref();
  }

  #onData(chunk: Buffer): void {
    this.#buffer = this.#buffer.length === 0 ? chunk : Buffer.concat([this.#buffer, chunk]);
    try {
      while (this.#readFrame());
    } catch (error) {
      this.#fail(error instanceof HaError ? error : new HaError('bad_response', 'unreadable WebSocket frame', { cause: error }));
      this.#socket.destroy();
    }
  }

  /** Consumes one complete frame from the buffer; false when more bytes are needed. */
  #readFrame(): boolean {
    const buffer = this.#buffer;
    if (buffer.length < 2) return false;
    const first = buffer[0]!;
    const second = buffer[1]!;
    if (second & 0x80) throw new HaError('bad_response', 'the server sent a masked WebSocket frame');
    let length = second & 0x7f;
    let offset = 2;
    if (length === 126) {
      if (buffer.length < 4) return false;
      length = buffer.readUInt16BE(2);
      offset = 4;
    } else if (length === 127) {
      if (buffer.length < 10) return false;
      const long = buffer.readBigUInt64BE(2);
      if (long > BigInt(MAX_MESSAGE_BYTES)) throw new HaError('bad_response', 'WebSocket message too large');
      length = Number(long);
      offset = 10;
    }
    if (length > MAX_MESSAGE_BYTES) throw new HaError('bad_response', 'WebSocket message too large');
    if (buffer.length < offset + length) return false;
    const payload = buffer.subarray(offset, offset + length);
    this.#buffer = buffer.subarray(offset + length);
    this.#onFrame((first & 0x80) !== 0, first & 0x0f, payload);
    return true;
  }

  #onFrame(fin: boolean, opcode: number, payload: Buffer): void {
    switch (opcode) {
      case OP_TEXT:
      case OP_BINARY:
      case OP_CONTINUATION:
        this.#onDataFrame(fin, opcode, payload);
        return;
      case OP_PING:
        this.#write(OP_PONG, payload);
        return;
      case OP_PONG:
        return;
      case OP_CLOSE:
        if (!this.#socket.destroyed) {
          this.#write(OP_CLOSE, payload.subarray(0, 2));
          this.#socket.end();
        }
        this.#fail(new HaError('unreachable', 'the server closed the WebSocket connection'));
        return;
      default:
        throw new HaError('bad_response', `unknown WebSocket opcode ${opcode}`);
    }
  }

  #onDataFrame(fin: boolean, opcode: number, payload: Buffer): void {
    if (opcode === OP_CONTINUATION) {
      if (this.#fragmentOpcode === null) throw new HaError('bad_response', 'WebSocket continuation without a message');
    } else if (this.#fragmentOpcode !== null) {
      throw new HaError('bad_response', 'WebSocket message started inside another');
    } else {
      this.#fragmentOpcode = opcode;
    }
    this.#fragmentBytes += payload.length;
    if (this.#fragmentBytes > MAX_MESSAGE_BYTES) throw new HaError('bad_response', 'WebSocket message too large');
    this.#fragments.push(Buffer.from(payload));
    if (!fin) return;
    const whole = Buffer.concat(this.#fragments);
    const kind = this.#fragmentOpcode;
    this.#fragments = [];
    this.#fragmentOpcode = null;
    this.#fragmentBytes = 0;
    // HA's API speaks text only; a binary message is not part of it and is skipped.
    if (kind === OP_TEXT) this.#deliver(new TextDecoder('utf-8', { fatal: true }).decode(whole));
  }

  #deliver(text: string): void {
    const waiter = this.#waiters.shift();
    if (waiter) waiter.resolve(text);
    else this.#messages.push(text);
  }

  #fail(error: HaError): void {
    if (this.#failure) return;
    this.#failure = error;
    for (const waiter of this.#waiters.splice(0)) waiter.reject(error);
  }

  /** Client frames are always masked (RFC 6455 §5.3). */
  #write(opcode: number, payload: Buffer): void {
    if (this.#socket.destroyed || this.#socket.writableEnded) return;
    const mask = randomBytes(4);
    const length = payload.length;
    const header = length < 126 ? Buffer.alloc(6) : length < 65_536 ? Buffer.alloc(8) : Buffer.alloc(14);
    header[0] = 0x80 | opcode;
    if (length < 126) {
      header[1] = 0x80 | length;
    } else if (length < 65_536) {
      header[1] = 0x80 | 126;
      header.writeUInt16BE(length, 2);
    } else {
      header[1] = 0x80 | 127;
      header.writeBigUInt64BE(BigInt(length), 2);
    }
    mask.copy(header, header.length - 4);
    const masked = Buffer.alloc(length);
    for (let i = 0; i < length; i += 1) masked[i] = payload[i]! ^ mask[i & 3]!;
    this.#socket.write(Buffer.concat([header, masked]));
  }
}
