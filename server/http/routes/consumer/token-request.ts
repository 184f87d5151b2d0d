// What both ways of asking for a token share (GET /v1/accounts/{id}/token on Fastify or on the
// cached-token fast path, and POST /v1/token): reading the query, the key's checks, and the answer's
// bytes. One module, so the paths cannot drift apart.
import { parse as parseQueryString } from 'node:querystring';
import type { IssuedToken } from '../../../broker/token-broker.js';
import { checkRawToken } from '../../../consumers/key-kind.js';
import { checkScopes, checkScopeSpelling, defaultScopes } from '../../../consumers/scope-policy.js';
import { AppError } from '../../../errors/app-error.js';
import type { Account, Consumer } from '../../../store/schema.js';
import type { Store } from '../../../store/store.js';
import { tokenQuery } from '../../contract/consumer-api.js';

export const TOKEN_READ_ROUTE = '/v1/accounts/:id/token';
export const TOKEN_CONTENT_TYPE = 'application/json; charset=utf-8';

export interface TokenAsk {
  accountId: string;
  scopes: readonly string[] | undefined;
  forceRefresh: boolean;
}

type TokenQuery = Omit<TokenAsk, 'accountId'>;

// Consumers send the same few query strings over and over; parsing one is most of a cached answer's work.
const parsedQueries = new Map<string, TokenQuery>();
const MAX_PARSED_QUERIES = 256;

/** The query of the token read, from the raw URL; a ZodError (400 naming the parameter) when it is not valid. */
export function tokenQueryOf(url: string): TokenQuery {
  const at = url.indexOf('?');
  const raw = at === -1 ? '' : url.slice(at + 1);
  const known = parsedQueries.get(raw);
  if (known) return known;
  const parsed = tokenQuery.parse({ ...parseQueryString(raw) });
  const query: TokenQuery = Object.freeze({
    scopes: parsed.scopes ? Object.freeze(parsed.scopes) : undefined,
    forceRefresh: parsed.force_refresh ?? false,
  });
  if (parsedQueries.size >= MAX_PARSED_QUERIES) parsedQueries.clear();
  parsedQueries.set(raw, query);
  return query;
}

/**
 * The account and scope set a key may have for this ask; the AppError it gets otherwise
 * (400/403/404/409). A limited key is refused unless its list covers the account's granted scopes,
 * as they are now: the token would carry all of them (key-kind.ts).
 */
export function resolveTokenAsk(store: Store, consumer: Consumer, ask: TokenAsk): { account: Account; scopes: string[] } {
  if (!consumer.accountIds.includes(ask.accountId)) throw new AppError('account_forbidden');
  const account = store.data.accounts.find((candidate) => candidate.id === ask.accountId);
  if (!account) throw new AppError('account_not_found');
  if (ask.scopes) checkScopeSpelling(ask.scopes, account.cloud);
  const scopes = ask.scopes ? [...ask.scopes] : defaultScopes(consumer, account.grantedScopes);
  checkScopes(consumer, account.grantedScopes, scopes);
  checkRawToken(consumer, account.id, account.grantedScopes);
  return { account, scopes };
}

/** The last check before a token leaves: what Microsoft says it carries must be within a limited key's list too. */
export function checkIssuedToken(consumer: Consumer, accountId: string, token: IssuedToken): void {
  if (consumer.allowedScopes.length > 0) checkRawToken(consumer, accountId, token.scopes);
}

// The answer's bytes for the last few tokens, rebuilt when expires_in ticks over: escaping a 1–2 KB
// JWT costs more than everything else a cached answer does. Tokens already live in the broker's
// memory; this keeps at most MAX_ANSWERS of them a little longer.
interface Answer {
  expiresIn: number;
  expiresAtMs: number;
  scopes: readonly string[];
  body: Buffer;
}
const answers = new Map<string, Answer>();
const MAX_ANSWERS = 64;

/** The 200 answer's body, as the OpenAPI `Token` schema documents it. */
export function tokenAnswerBody(token: IssuedToken, nowMs: number): Buffer {
  const expiresAtMs = token.expiresOn.getTime();
  const expiresIn = Math.max(0, Math.floor((expiresAtMs - nowMs) / 1000));
  const known = answers.get(token.accessToken);
  if (known && known.expiresIn === expiresIn && known.expiresAtMs === expiresAtMs && known.scopes === token.scopes) return known.body;
  const body = Buffer.from(JSON.stringify({
    access_token: token.accessToken,
    token_type: 'Bearer',
    expires_at: token.expiresOn.toISOString(),
    expires_in: expiresIn,
    scopes: token.scopes,
  }));
  if (answers.size >= MAX_ANSWERS) answers.clear();
  answers.set(token.accessToken, { expiresIn, expiresAtMs, scopes: token.scopes, body });
  return body;
}
