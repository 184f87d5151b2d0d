// HTTP/1.1 requests written byte for byte over node:net, for request targets that fetch() would
// normalise away (absolute-form `GET http://host/v1/... HTTP/1.1`, `%76` escapes) and for choosing
// the local address a request comes from (127.0.0.2 is another peer on Linux's loopback).
import { connect } from 'node:net';

export interface RawResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export interface RawRequest {
  method?: string;
  /** Written into the request line as is. */
  target: string;
  headers?: Record<string, string>;
  body?: string;
  /** Local address to connect from (default: the system's choice). */
  localAddress?: string;
}

/** One request on its own connection (`Connection: close`); resolves once the server closed it. */
export function rawRequest(url: string, request: RawRequest): Promise<RawResponse> {
  const { port, hostname } = new URL(url);
  const headers: Record<string, string> = { host: `${hostname}:${port}`, connection: 'close', ...request.headers };
  if (request.body !== undefined) headers['content-length'] = String(Buffer.byteLength(request.body));
  const head = [`${request.method ?? 'GET'} ${request.target} HTTP/1.1`, ...Object.entries(headers).map(([name, value]) => `${name}: ${value}`)].join('\r\n');
  return new Promise((resolve, reject) => {
    const socket = connect({ port: Number(port), host: hostname, ...(request.localAddress ? { localAddress: request.localAddress } : {}) });
    const chunks: Buffer[] = [];
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('error', reject);
    socket.on('end', () => {
      socket.destroy();
      try {
        resolve(parseResponse(Buffer.concat(chunks).toString('latin1')));
      } catch (error) {
        reject(error as Error);
      }
    });
    socket.write(`${head}\r\n\r\n${request.body ?? ''}`);
  });
}

function parseResponse(text: string): RawResponse {
  const split = text.indexOf('\r\n\r\n');
  if (split === -1) throw new Error(`no complete HTTP response: ${JSON.stringify(text.slice(0, 200))}`);
  const [statusLine = '', ...lines] = text.slice(0, split).split('\r\n');
  const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(statusLine)?.[1] ?? 0);
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  let body = text.slice(split + 4);
  if (headers['transfer-encoding'] === 'chunked') body = unchunk(body);
  return { status, headers, body };
}

function unchunk(body: string): string {
  let out = '';
  let rest = body;
  for (;;) {
    const lineEnd = rest.indexOf('\r\n');
    const size = Number.parseInt(rest.slice(0, lineEnd), 16);
    if (!size) return out;
    out += rest.slice(lineEnd + 2, lineEnd + 2 + size);
    rest = rest.slice(lineEnd + 2 + size + 2);
  }
}
