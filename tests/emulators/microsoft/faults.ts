// failNext: queued faults per endpoint, and how each kind is delivered (an error body, a dropped
// socket, a non-JSON 200, a redirect elsewhere, or a request left hanging until the emulator closes).
import type { IncomingMessage, ServerResponse } from 'node:http';
import { resolveError, type ErrorOverrides, type ResolvedError } from './aad-errors.js';
import { CATALOGUE, type ErrorContext } from './error-catalogue.js';
import { readBody } from './http.js';
import type { FaultEndpoint, FaultSpec } from './model.js';
import type { EmulatorState } from './state.js';

const ENDPOINTS: FaultEndpoint[] = ['token', 'graph', 'authorize'];
const KINDS = ['json', 'network_drop', 'malformed', 'hang', 'redirect'];

/** Rejects faults the emulator could not render faithfully, so a typo fails the test that made it. */
export function validateFault(spec: FaultSpec): FaultSpec {
  if (!ENDPOINTS.includes(spec.endpoint)) throw new Error(`failNext: endpoint must be one of ${ENDPOINTS.join(', ')}`);
  if (spec.kind !== undefined && !KINDS.includes(spec.kind)) throw new Error(`failNext: kind must be one of ${KINDS.join(', ')}`);
  if (spec.aadsts !== undefined && !CATALOGUE[spec.aadsts] && !spec.error) {
    throw new Error(`failNext: AADSTS${spec.aadsts} is not in the catalogue; pass "error" too to invent one`);
  }
  if (spec.kind === 'redirect' && !spec.location) throw new Error('failNext: a redirect needs a location');
  if (spec.count !== undefined && !(Number.isInteger(spec.count) && spec.count > 0)) throw new Error('failNext: count must be a positive integer');
  return { ...spec };
}

export function queueFault(state: EmulatorState, spec: FaultSpec): void {
  const fault = validateFault(spec);
  state.faults.push({ ...fault, remaining: fault.count ?? 1 });
}

export function takeFault(state: EmulatorState, endpoint: FaultEndpoint): FaultSpec | undefined {
  const index = state.faults.findIndex((f) => f.endpoint === endpoint);
  const fault = state.faults[index];
  if (!fault) return undefined;
  fault.remaining -= 1;
  if (fault.remaining <= 0) state.faults.splice(index, 1);
  const { remaining: _remaining, ...spec } = fault;
  return spec;
}

const isTransient = (status: number | undefined) => status !== undefined && (status === 429 || status >= 500);

/** The AADSTS code a JSON fault renders as when the test named only a status or nothing at all. */
export function faultCode(fault: FaultSpec): number {
  if (fault.aadsts !== undefined) return fault.aadsts;
  if (isTransient(fault.status)) return 90024;
  return fault.endpoint === 'authorize' ? 9002313 : 70000;
}

export function faultOverrides(fault: FaultSpec): ErrorOverrides {
  return { error: fault.error, suberror: fault.suberror, status: fault.status };
}

export function faultError(fault: FaultSpec, context: ErrorContext): ResolvedError {
  return resolveError(faultCode(fault), context, faultOverrides(fault));
}

export function retryAfterHeader(fault: FaultSpec): Record<string, string> {
  return fault.retryAfterSeconds !== undefined ? { 'retry-after': String(fault.retryAfterSeconds) } : {};
}

/**
 * Delivers the transport-level kinds. Returns false for `json`, which the endpoint renders itself.
 * The body is read first so the client has finished sending before the socket goes away.
 */
export async function deliverTransportFault(
  fault: FaultSpec,
  req: IncomingMessage,
  res: ServerResponse,
  hanging: Set<ServerResponse>,
): Promise<boolean> {
  const kind = fault.kind ?? 'json';
  if (kind === 'json') return false;
  await readBody(req).catch(() => undefined);
  if (kind === 'network_drop') req.socket.destroy();
  else if (kind === 'hang') hanging.add(res);
  else if (kind === 'redirect') {
    // Microsoft's token endpoint never redirects (it answers JSON, errors included: "Microsoft identity
    // platform and OAuth 2.0 authorization code flow", error response); a 307/308 here is what a
    // hijacking proxy or captive portal would send. Both tell fetch to replay the POST body as it was.
    res.writeHead(fault.status ?? 307, { location: fault.location! });
    res.end();
  }
  else {
    // What a captive portal or a broken proxy sends: success status, HTML body.
    const html = '<html><head><title>Service Unavailable</title></head><body><h1>Service Unavailable</h1></body></html>';
    res.writeHead(fault.status ?? 200, { 'content-type': 'text/html' });
    res.end(html);
  }
  return true;
}
