// Sends one consumer request on to Microsoft Graph with the account's token, streaming the body up
// and handing back the response stream unread. Strips hop-by-hop and authentication headers both
// ways: the consumer's key never reaches Microsoft, and Microsoft's challenge never reaches the consumer.
import http, { type IncomingHttpHeaders, type IncomingMessage, type OutgoingHttpHeaders } from 'node:http';
import https from 'node:https';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { AppError } from '../../../errors/app-error.js';

/** Graph's simple upload takes up to 250 MB; larger uploads use upload sessions on another host. */
export const GRAPH_MAX_BODY_BYTES = 250 * 1024 * 1024;
/** A Graph answer that stalls this long (no bytes either way) is given up. */
export const GRAPH_IDLE_TIMEOUT_MS = 60_000;

const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'te', 'trailer', 'upgrade', 'expect', 'host']);
const AUTH_REQUEST = new Set(['authorization', 'proxy-authorization', 'cookie', 'forwarded', 'x-forwarded-for', 'x-forwarded-host', 'x-forwarded-proto', 'x-real-ip']);
const AUTH_RESPONSE = new Set(['www-authenticate', 'proxy-authenticate', 'set-cookie', 'authorization']);

const agents = {
  'http:': new http.Agent({ keepAlive: true, maxSockets: 64 }),
  'https:': new https.Agent({ keepAlive: true, maxSockets: 64 }),
};

/** Headers minus hop-by-hop ones, those the Connection header names, and the `drop` set. */
function filterHeaders(headers: IncomingHttpHeaders, drop: ReadonlySet<string>): OutgoingHttpHeaders {
  const named = String(headers.connection ?? '').toLowerCase().split(',').map((name) => name.trim());
  const result: OutgoingHttpHeaders = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined || HOP_BY_HOP.has(name) || drop.has(name) || named.includes(name)) continue;
    result[name] = value;
  }
  return result;
}

export const requestHeadersForGraph = (headers: IncomingHttpHeaders): OutgoingHttpHeaders => filterHeaders(headers, AUTH_REQUEST);
export const responseHeadersForConsumer = (headers: IncomingHttpHeaders): OutgoingHttpHeaders => filterHeaders(headers, AUTH_RESPONSE);

export interface GraphCall {
  method: string;
  /** The Graph origin's URL; only its protocol, host and port are used. */
  url: URL;
  /** Path and query exactly as the consumer sent them. */
  path: string;
  headers: IncomingHttpHeaders;
  /** The request body as it arrives, or undefined when there is none. */
  body: Readable | undefined;
  token: string;
}

function sizeGuard(): Transform {
  let seen = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      seen += chunk.length;
      done(seen > GRAPH_MAX_BODY_BYTES ? new AppError('payload_too_large') : null, chunk);
    },
  });
}

/** Resolves with Graph's response as soon as its headers arrive; its body is the caller's to stream. */
export function forwardToGraph(call: GraphCall): Promise<IncomingMessage> {
  const declared = Number(call.headers['content-length'] ?? 0);
  if (declared > GRAPH_MAX_BODY_BYTES) return Promise.reject(new AppError('payload_too_large'));
  const transport = call.url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    let upstream: http.ClientRequest;
    try {
      upstream = transport.request({
        protocol: call.url.protocol,
        hostname: call.url.hostname,
        port: call.url.port || undefined,
        path: call.path,
        method: call.method,
        agent: agents[call.url.protocol === 'https:' ? 'https:' : 'http:'],
        headers: { ...requestHeadersForGraph(call.headers), authorization: `Bearer ${call.token}` },
        timeout: GRAPH_IDLE_TIMEOUT_MS,
      });
    } catch {
      // node refuses some characters in a path; the consumer's URL is what is wrong.
      reject(new AppError('validation_failed', { field: 'path', message: 'The Graph path contains characters that cannot be sent.' }));
      return;
    }
    upstream.once('response', resolve);
    upstream.once('timeout', () => upstream.destroy(new AppError('graph_unreachable', { message: 'Microsoft Graph did not answer in time.' })));
    upstream.once('error', (error) => reject(error instanceof AppError ? error : new AppError('graph_unreachable', { cause: error })));
    if (!call.body) {
      upstream.end();
      return;
    }
    pipeline(call.body, sizeGuard(), upstream).catch((error: unknown) => {
      upstream.destroy();
      reject(error instanceof AppError ? error : new AppError('graph_unreachable', { cause: error }));
    });
  });
}
