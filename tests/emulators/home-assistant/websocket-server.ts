// The server side of RFC 6455 for the emulated Supervisor: accept the upgrade, read masked client
// frames, write unmasked text frames. Written apart from the add-on's client on purpose, so a
// mistake in one is not mirrored in the other.
import { createHash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';

const GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';

export interface ServerTextSocket {
  send(text: string): void;
  ping(): void;
  close(code?: number): void;
  onMessage(listener: (text: string) => void): void;
  onClose(listener: () => void): void;
  /** Pongs seen: proves the client answers pings, as aiohttp's heartbeat needs. */
  readonly pongs: number;
}

/** Completes the handshake; null (socket already answered with 400) when it is not a WebSocket upgrade. */
export function acceptWebSocket(req: IncomingMessage, socket: Duplex, head: Buffer): ServerTextSocket | null {
  const key = req.headers['sec-websocket-key'];
  if (typeof key !== 'string' || req.headers.upgrade?.toLowerCase() !== 'websocket' || req.headers['sec-websocket-version'] !== '13') {
    socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
    return null;
  }
  const accept = createHash('sha1').update(key + GUID).digest('base64');
  socket.write(`HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${accept}\r\n\r\n`);
  return new Connection(socket, head);
}

class Connection implements ServerTextSocket {
  #pending = Buffer.alloc(0);
  #parts: Buffer[] = [];
  #messageListeners: Array<(text: string) => void> = [];
  #closeListeners: Array<() => void> = [];
  #pongs = 0;
  #closed = false;

  constructor(private readonly socket: Duplex, head: Buffer) {
    socket.on('data', (chunk: Buffer) => this.#receive(chunk));
    socket.on('error', () => undefined);
    socket.on('close', () => this.#markClosed());
    if (head.length) this.#receive(head);
  }

  get pongs(): number {
    return this.#pongs;
  }

  send(text: string): void {
    this.#frame(0x1, Buffer.from(text, 'utf8'));
  }

  ping(): void {
    this.#frame(0x9, Buffer.from('hb'));
  }

  close(code = 1000): void {
    const body = Buffer.alloc(2);
    body.writeUInt16BE(code);
    this.#frame(0x8, body);
    this.socket.end();
    this.#markClosed();
  }

  onMessage(listener: (text: string) => void): void {
    this.#messageListeners.push(listener);
  }

  onClose(listener: () => void): void {
    this.#closeListeners.push(listener);
  }

  #markClosed(): void {
    if (this.#closed) return;
    this.#closed = true;
    for (const listener of this.#closeListeners) listener();
  }

  #frame(opcode: number, payload: Buffer): void {
    if (this.#closed || this.socket.writableEnded) return;
    let header: Buffer;
    if (payload.length < 126) {
      header = Buffer.from([0x80 | opcode, payload.length]);
    } else if (payload.length <= 0xffff) {
      header = Buffer.alloc(4);
      header[0] = 0x80 | opcode;
      header[1] = 126;
      header.writeUInt16BE(payload.length, 2);
    } else {
      header = Buffer.alloc(10);
      header[0] = 0x80 | opcode;
      header[1] = 127;
      header.writeBigUInt64BE(BigInt(payload.length), 2);
    }
    this.socket.write(Buffer.concat([header, payload]));
  }

  #receive(chunk: Buffer): void {
    this.#pending = Buffer.concat([this.#pending, chunk]);
    for (;;) {
      const frame = this.#take();
      if (!frame) return;
      this.#handle(frame.fin, frame.opcode, frame.payload);
    }
  }

  #take(): { fin: boolean; opcode: number; payload: Buffer } | null {
    const data = this.#pending;
    if (data.length < 2) return null;
    const masked = (data[1]! & 0x80) !== 0;
    let size = data[1]! & 0x7f;
    let at = 2;
    if (size === 126) {
      if (data.length < 4) return null;
      size = data.readUInt16BE(2);
      at = 4;
    } else if (size === 127) {
      if (data.length < 10) return null;
      size = Number(data.readBigUInt64BE(2));
      at = 10;
    }
    if (!masked) {
      // RFC 6455 §5.1: a server must close the connection on an unmasked client frame.
      this.close(1002);
      return null;
    }
    if (data.length < at + 4 + size) return null;
    const key = data.subarray(at, at + 4);
    const payload = Buffer.from(data.subarray(at + 4, at + 4 + size));
    for (let i = 0; i < payload.length; i++) payload[i] = payload[i]! ^ key[i % 4]!;
    this.#pending = data.subarray(at + 4 + size);
    return { fin: (data[0]! & 0x80) !== 0, opcode: data[0]! & 0x0f, payload };
  }

  #handle(fin: boolean, opcode: number, payload: Buffer): void {
    if (opcode === 0x8) return this.close();
    if (opcode === 0x9) return this.#frame(0xa, payload);
    if (opcode === 0xa) {
      this.#pongs++;
      return;
    }
    this.#parts.push(payload);
    if (!fin) return;
    const text = Buffer.concat(this.#parts).toString('utf8');
    this.#parts = [];
    for (const listener of this.#messageListeners) listener(text);
  }
}
