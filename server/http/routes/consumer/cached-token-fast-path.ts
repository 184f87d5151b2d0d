// The consumer API's hottest request, answered before Fastify sees it: GET /v1/accounts/{id}/token
// for a token still good in memory, with a valid key within its limits. Routing, hooks and reply
// handling cost a cached answer more than everything it does itself, and other add-ons may ask for a
// token before every Graph call. Anything else (a miss that needs a refresh, any refusal, any
// doubt about the request, debug logging) returns false untouched and goes to the Fastify route,
// which answers it through the same token read (consumers/token-read.ts), admission and audit line.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AuditLog } from '../../../audit/audit-log.js';
import type { AuditEntry } from '../../../audit/audit-line.js';
import { apiRequestEntry } from '../../../audit/api-request-entry.js';
import type { ConsumerAdmission } from '../../../consumers/admission.js';
import type { TokenRead } from '../../../consumers/token-read.js';
import type { Logger } from '../../../log.js';
import type { Consumer } from '../../../store/schema.js';
import type { TokenQueries } from './token-queries.js';
import { TOKEN_CONTENT_TYPE, TOKEN_READ_ROUTE } from '../../contract/consumer-api.js';

export interface CachedTokenFastPathDeps {
  tokenRead: TokenRead;
  queries: TokenQueries;
  admission: ConsumerAdmission;
  audit: AuditLog;
  log: Logger;
  now: () => Date;
}

/** What a consumer's URL comes to once checked: the account, the scope set, and its audit line. */
interface Plan {
  accountId: string;
  scopes: readonly string[];
  audit: AuditEntry;
}

const PREFIX = '/v1/accounts/';
const SUFFIX = '/token';
/** Account ids are UUIDs; anything else (percent-escapes, extra slashes) is left to Fastify's router. */
const PLAIN_ID = /^[A-Za-z0-9-]{1,100}$/;
/** Distinct URLs remembered per consumer; a consumer asking ever-new questions just takes the long way. */
const MAX_PLANS_PER_CONSUMER = 32;

/** The account id when `url` is exactly the token read, else undefined. */
function accountIdOf(url: string): string | undefined {
  if (!url.startsWith(PREFIX)) return undefined;
  const query = url.indexOf('?');
  const path = query === -1 ? url : url.slice(0, query);
  if (!path.endsWith(SUFFIX)) return undefined;
  const id = path.slice(PREFIX.length, path.length - SUFFIX.length);
  return PLAIN_ID.test(id) ? id : undefined;
}

/**
 * The first Authorization header, as Node's `headers` object would have it, read without building
 * that object (which a fast answer never needs otherwise).
 */
function authorizationOf(request: IncomingMessage): string | undefined {
  const raw = request.rawHeaders;
  for (let index = 0; index < raw.length; index += 2) {
    const name = raw[index]!;
    if (name.length === 13 && name.toLowerCase() === 'authorization') return raw[index + 1];
  }
  return undefined;
}

/** Returns a request handler that answers and returns true, or returns false having touched nothing. */
export function cachedTokenFastPath(deps: CachedTokenFastPathDeps): (request: IncomingMessage, response: ServerResponse) => boolean {
  const { tokenRead, queries, admission, audit, log, now } = deps;
  // Keyed by the consumer record: the store replaces every record on every write (a revoked key,
  // changed scopes or accounts, an account signed in again with more granted scopes), so a plan
  // never outlives what it was checked against.
  const plans = new WeakMap<Consumer, Map<string, Plan>>();

  const planFor = (consumer: Consumer, url: string): Plan | undefined => {
    let known = plans.get(consumer);
    const plan = known?.get(url);
    if (plan) return plan;
    const accountId = accountIdOf(url);
    if (accountId === undefined) return undefined;
    const query = queries.of(url);
    if (query.forceRefresh) return undefined;
    const { scopes } = tokenRead.resolve(consumer, { accountId, ...query });
    const made: Plan = Object.freeze({
      accountId,
      scopes: Object.freeze(scopes),
      audit: Object.freeze(apiRequestEntry({ consumer, info: { event: 'token', accountId, scopes }, status: 200, method: 'GET', route: TOKEN_READ_ROUTE, error: null })),
    });
    if (!known) plans.set(consumer, (known = new Map()));
    if (known.size >= MAX_PLANS_PER_CONSUMER) known.clear();
    known.set(url, made);
    return made;
  };

  return (request, response) => {
    const url = request.url;
    if (request.method !== 'GET' || url === undefined || !url.startsWith(PREFIX)) return false;
    // At debug every request gets a log line from Fastify's request log.
    if (log.isLevelEnabled('debug')) return false;
    try {
      const consumer = admission.authenticate(authorizationOf(request));
      const plan = planFor(consumer, url);
      if (!plan) return false;
      const nowMs = now().getTime();
      const body = tokenRead.cached(consumer, plan.accountId, plan.scopes, nowMs);
      if (!body) return false;
      // Last, as it is the only step with side effects; a refusal takes nothing, so Fastify's 429 is the same.
      admission.admit(consumer, nowMs);
      response.writeHead(200, { 'content-type': TOKEN_CONTENT_TYPE, 'cache-control': 'no-store', 'content-length': body.length });
      response.end(body);
      audit.record(plan.audit, nowMs);
      return true;
    } catch {
      // A refusal or a question this path does not answer: Fastify answers it in full, unless an
      // answer had already started (then it is on its way, or the socket is gone).
      return response.headersSent;
    }
  };
}
