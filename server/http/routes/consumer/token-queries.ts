// The token read's query string, parsed once per distinct string: consumers send the same few over
// and over, and parsing one is most of a cached answer's work. One instance per consumer listener,
// shared by its Fastify route and its cached-token fast path (consumer-app.ts makes it).
import { parse as parseQueryString } from 'node:querystring';
import type { TokenAsk } from '../../../consumers/token-read.js';
import { tokenQuery } from '../../contract/consumer-api.js';

export type TokenQuery = Omit<TokenAsk, 'accountId'>;

/** The parsed query strings consumers send over and over; parsing one is most of a cached answer's work. */
export class TokenQueries {
  static readonly MAX = 256;
  readonly #parsed = new Map<string, TokenQuery>();

  /** The query of the token read, from the raw URL; a ZodError (400 naming the parameter) when it is not valid. */
  of(url: string): TokenQuery {
    const at = url.indexOf('?');
    const raw = at === -1 ? '' : url.slice(at + 1);
    const known = this.#parsed.get(raw);
    if (known) return known;
    const parsed = tokenQuery.parse({ ...parseQueryString(raw) });
    const query: TokenQuery = Object.freeze({
      scopes: parsed.scopes ? Object.freeze(parsed.scopes) : undefined,
      forceRefresh: parsed.force_refresh ?? false,
    });
    if (this.#parsed.size >= TokenQueries.MAX) this.#parsed.clear();
    this.#parsed.set(raw, query);
    return query;
  }
}
