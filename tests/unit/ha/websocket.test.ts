import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { describe, it } from 'node:test';
import { HaError } from '../../../server/ha/ha-error.js';
import { openTextSocket } from '../../../server/ha/websocket.js';

/** A raw server that writes exactly the bytes a test wants after the handshake. */
async function rawServer(onOpen: (socket: Duplex, received: Buffer[]) => void, accept?: (key: string) => string): Promise<{ url: string; stop: () => Promise<void> }> {
  const server = createServer((_req, res) => res.writeHead(426).end());
  // Upgraded sockets leave the HTTP server's bookkeeping: close() would wait for them forever.
  const upgraded = new Set<Duplex>();
  server.on('upgrade', (req, socket) => {
    upgraded.add(socket);
    const key = String(req.headers['sec-websocket-key']);
    const value = accept ? accept(key) : createHash('sha1').update(`${key}258EAFA5-E914-47DA-95CA-C5AB0DC85B11`).digest('base64');
    socket.write(`HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${value}\r\n\r\n`);
    const received: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => received.push(chunk));
    onOpen(socket, received);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const stop = () => {
    upgraded.forEach((socket) => socket.destroy());
    return new Promise<void>((resolve) => server.close(() => resolve()));
  };
  return { url: `ws://127.0.0.1:${(server.address() as AddressInfo).port}/core/websocket`, stop };
}

function frame(opcode: number, payload: Buffer, fin = true): Buffer {
  const head = payload.length < 126 ? Buffer.from([(fin ? 0x80 : 0) | opcode, payload.length]) : payload.length < 65536
    ? Buffer.from([(fin ? 0x80 : 0) | opcode, 126, payload.length >> 8, payload.length & 0xff])
    : Buffer.concat([Buffer.from([(fin ? 0x80 : 0) | opcode, 127]), (() => { const b = Buffer.alloc(8); b.writeBigUInt64BE(BigInt(payload.length)); return b; })()]);
  return Buffer.concat([head, payload]);
}

/** Unmasks the client's first frame: proves it masked it, as RFC 6455 requires. */
function decodeClientFrame(bytes: Buffer): { opcode: number; masked: boolean; text: string } {
  const masked = (bytes[1]! & 0x80) !== 0;
  let length = bytes[1]! & 0x7f;
  let at = 2;
  if (length === 126) { length = bytes.readUInt16BE(2); at = 4; }
  const key = bytes.subarray(at, at + 4);
  const data = Buffer.from(bytes.subarray(at + 4, at + 4 + length)).map((b, i) => b ^ key[i % 4]!);
  return { opcode: bytes[0]! & 0x0f, masked, text: Buffer.from(data).toString('utf8') };
}

describe('the WebSocket client', () => {
  it('reassembles fragmented messages, reads 16- and 64-bit lengths, answers pings and masks its frames', async (t) => {
    const big = 'x'.repeat(70_000);
    const { url, stop } = await rawServer((socket) => {
      socket.write(Buffer.concat([frame(0x1, Buffer.from('hel'), false), frame(0x9, Buffer.from('p')), frame(0x0, Buffer.from('lo'))]));
      socket.write(frame(0x1, Buffer.from('y'.repeat(300))));
      socket.write(frame(0x2, Buffer.from([1, 2, 3])));
      socket.write(frame(0x1, Buffer.from(big)));
    });
    t.after(stop);
    const socket = await openTextSocket(url, AbortSignal.timeout(5_000));
    assert.equal(await socket.receive(), 'hello');
    assert.equal(await socket.receive(), 'y'.repeat(300));
    assert.equal(await socket.receive(), big, 'the binary message in between is skipped');
    socket.close();
  });

  it('sends masked text frames', async (t) => {
    let received: Buffer[] = [];
    const { url, stop } = await rawServer((_socket, chunks) => (received = chunks));
    t.after(stop);
    const socket = await openTextSocket(url, AbortSignal.timeout(5_000));
    socket.send('{"type":"auth"}');
    await new Promise((resolve) => setTimeout(resolve, 50));
    const decoded = decodeClientFrame(Buffer.concat(received));
    assert.deepEqual(decoded, { opcode: 1, masked: true, text: '{"type":"auth"}' });
    socket.close();
  });

  it('refuses a wrong accept key, a masked server frame and a refused upgrade', async (t) => {
    const wrong = await rawServer(() => undefined, () => 'not-the-right-key');
    t.after(wrong.stop);
    await assert.rejects(openTextSocket(wrong.url, AbortSignal.timeout(5_000)), (e: HaError) => e.reason === 'bad_response');

    const masked = await rawServer((socket) => socket.write(Buffer.from([0x81, 0x81, 1, 2, 3, 4, 5])));
    t.after(masked.stop);
    const socket = await openTextSocket(masked.url, AbortSignal.timeout(5_000));
    await assert.rejects(socket.receive(), (e: HaError) => e.reason === 'bad_response');

    const plain = createServer((_req, res) => res.writeHead(502).end());
    await new Promise<void>((resolve) => plain.listen(0, '127.0.0.1', resolve));
    t.after(() => new Promise((resolve) => plain.close(resolve)));
    const plainUrl = `ws://127.0.0.1:${(plain.address() as AddressInfo).port}/core/websocket`;
    await assert.rejects(openTextSocket(plainUrl, AbortSignal.timeout(5_000)), (e: HaError) => e.reason === 'http_error' && e.status === 502);
  });

  it('rejects waiting receives when the server closes or the deadline passes', async (t) => {
    const closing = await rawServer((socket) => setTimeout(() => socket.write(frame(0x8, Buffer.from([0x03, 0xe8]))), 20));
    t.after(closing.stop);
    const socket = await openTextSocket(closing.url, AbortSignal.timeout(5_000));
    await assert.rejects(socket.receive(), (e: HaError) => e.reason === 'unreachable');

    const silent = await rawServer(() => undefined);
    t.after(silent.stop);
    const slow = await openTextSocket(silent.url, AbortSignal.timeout(100));
    await assert.rejects(slow.receive(), (e: HaError) => e.reason === 'timeout');
  });

  it('reports a closed port as unreachable', async () => {
    await assert.rejects(openTextSocket('ws://127.0.0.1:9/core/websocket', AbortSignal.timeout(2_000)), (e: HaError) => e instanceof HaError && e.reason === 'unreachable');
  });
});
