// Wire shapes of the consumer API (other add-ons asking for tokens).
import * as z from 'zod';

const MAX_SCOPES = 50;
const scopeName = z.string().min(1).max(200);

export const tokenRequestBody = z.object({
  account_id: z.string().min(1).max(100),
  scopes: z.array(scopeName).max(MAX_SCOPES).optional(),
  force_refresh: z.boolean().optional(),
});

/** The `:id` in `/v1/accounts/:id/…`. */
export const accountIdParam = z.object({ id: z.string().min(1).max(100) });

/** `Mail.Read Calendars.Read`, `Mail.Read,Calendars.Read` or the parameter repeated: one list. */
const scopeListParam = z
  .union([z.string().max(4000), z.array(z.string().max(4000)).max(MAX_SCOPES)])
  .transform((value) => (Array.isArray(value) ? value : [value]).flatMap((part) => part.split(/[\s,]+/)).filter(Boolean))
  .pipe(z.array(scopeName).min(1, 'List at least one permission, or leave scopes out for the default ones.').max(MAX_SCOPES));

/**
 * The query of `GET /v1/accounts/{account_id}/token`. Strict: a misspelt parameter (`scope=`) must
 * not silently fall back to the default scopes.
 */
export const tokenQuery = z.strictObject(
  {
    scopes: scopeListParam.optional(),
    force_refresh: z.enum(['true', 'false'], { error: 'Use true or false.' }).transform((value) => value === 'true').optional(),
  },
  { error: (issue) => (issue.code === 'unrecognized_keys' ? `Unknown query parameter ${namedParameters(issue.keys)}: this route takes scopes and force_refresh.` : undefined) },
);

/** Short, plain names are echoed; anything else (a key or token pasted into the URL) is not. */
function namedParameters(keys: readonly string[]): string {
  const plain = keys.filter((key) => /^[A-Za-z_][\w.[\]-]{0,31}$/.test(key));
  return plain.length === keys.length ? plain.join(', ') : plain.length ? `${plain.join(', ')} and others` : '(not shown)';
}

/** The token read's route and its answer's type, shared by the Fastify route and the fast path. */
export const TOKEN_READ_ROUTE = '/v1/accounts/:id/token';
export const TOKEN_CONTENT_TYPE = 'application/json; charset=utf-8';
