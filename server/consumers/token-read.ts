// The token read as one use case, for both ways of asking (GET /v1/accounts/{id}/token, on Fastify or
// on the cached-token fast path, and POST /v1/token): the key's checks in one order, the token, the
// last check on what it carries, and the answer's bytes. Its memo cache is instance state, made once
// in services.ts, so two services (or two tests) never share it. Reading the request (the query
// string) is the HTTP edge's job: http/routes/consumer/token-queries.ts.
import type { IssuedToken, TokenBroker } from '../broker/token-broker.js';
import { AppError } from '../errors/app-error.js';
import type { Account, Consumer } from '../store/schema.js';
import type { Store } from '../store/store.js';
import { checkRawToken } from './key-kind.js';
import { checkScopes, checkScopeSpelling, defaultScopes } from './scope-policy.js';

export interface TokenAsk {
  accountId: string;
  scopes: readonly string[] | undefined;
  forceRefresh: boolean;
}

interface Answer {
  expiresIn: number;
  expiresAtMs: number;
  scopes: readonly string[];
  body: Buffer;
}

/**
 * The answer's bytes for the last few tokens, rebuilt when expires_in ticks over: escaping a 1–2 KB
 * JWT costs more than everything else a cached answer does. Tokens already live in the broker's
 * memory; this keeps at most MAX of them a little longer.
 */
export class TokenAnswers {
  static readonly MAX = 64;
  readonly #answers = new Map<string, Answer>();

  /** The 200 answer's body, as the OpenAPI `Token` schema documents it. */
  body(token: IssuedToken, nowMs: number): Buffer {
    const expiresAtMs = token.expiresOn.getTime();
    const expiresIn = Math.max(0, Math.floor((expiresAtMs - nowMs) / 1000));
    const known = this.#answers.get(token.accessToken);
    if (known && known.expiresIn === expiresIn && known.expiresAtMs === expiresAtMs && known.scopes === token.scopes) return known.body;
    const body = Buffer.from(JSON.stringify({
      access_token: token.accessToken,
      token_type: 'Bearer',
      expires_at: token.expiresOn.toISOString(),
      expires_in: expiresIn,
      scopes: token.scopes,
    }));
    if (this.#answers.size >= TokenAnswers.MAX) this.#answers.clear();
    this.#answers.set(token.accessToken, { expiresIn, expiresAtMs, scopes: token.scopes, body });
    return body;
  }
}

export class TokenRead {
  readonly #answers = new TokenAnswers();
  readonly #store: Store;
  readonly #broker: TokenBroker;
  readonly #now: () => Date;

  constructor(deps: { store: Store; broker: TokenBroker; now: () => Date }) {
    this.#store = deps.store;
    this.#broker = deps.broker;
    this.#now = deps.now;
  }

  /**
   * The account and scope set a key may have for this ask; the AppError it gets otherwise
   * (400/403/404/409). A limited key is refused unless its list covers the account's granted scopes,
   * as they are now: the token would carry all of them (key-kind.ts).
   */
  resolve(consumer: Consumer, ask: TokenAsk): { account: Account; scopes: string[] } {
    if (!consumer.accountIds.includes(ask.accountId)) throw new AppError('account_forbidden');
    const account = this.#store.data.accounts.find((candidate) => candidate.id === ask.accountId);
    if (!account) throw new AppError('account_not_found');
    if (ask.scopes) checkScopeSpelling(ask.scopes, account.cloud);
    const scopes = ask.scopes ? [...ask.scopes] : defaultScopes(consumer, account.grantedScopes);
    checkScopes(consumer, account.grantedScopes, scopes);
    checkRawToken(consumer, account.id, account.grantedScopes);
    return { account, scopes };
  }

  /**
   * The whole read for an admitted consumer: its checks, the token (refreshed when it must be), the
   * check of what Microsoft says the token carries, the answer's bytes. `onResolved` learns the scope
   * set before the token is asked for, so a refusal after it is audited with what was asked.
   */
  async read(consumer: Consumer, ask: TokenAsk, onResolved?: (scopes: string[]) => void): Promise<Buffer> {
    const { account, scopes } = this.resolve(consumer, ask);
    onResolved?.(scopes);
    const token = await this.#broker.getToken(account.id, scopes, { forceRefresh: ask.forceRefresh, consumer: true });
    this.#checkIssued(consumer, account.id, token);
    return this.#answers.body(token, this.#now().getTime());
  }

  /**
   * The same read from memory only (the fast path, for a scope set `resolve` already allowed): the
   * answer's bytes, or undefined when the broker holds no good token and the long way must ask.
   */
  cached(consumer: Consumer, accountId: string, scopes: readonly string[], nowMs: number): Buffer | undefined {
    const token = this.#broker.cached(accountId, scopes, nowMs);
    if (!token) return undefined;
    this.#checkIssued(consumer, accountId, token);
    return this.#answers.body(token, nowMs);
  }

  /** The last check before a token leaves: what Microsoft says it carries must be within a limited key's list too. */
  #checkIssued(consumer: Consumer, accountId: string, token: IssuedToken): void {
    if (consumer.allowedScopes.length > 0) checkRawToken(consumer, accountId, token.scopes);
  }
}
