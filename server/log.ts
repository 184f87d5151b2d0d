// pino, JSON lines. Redaction is a second line of defence: the first is never handing a secret to
// the logger at all (request URLs are logged without their query string, bodies are never logged).
import pino, { type DestinationStream, type Logger } from 'pino';

export type { Logger } from 'pino';

// Explicit top-level paths, no `*.` wildcards: wildcard redaction walks every logged object and
// costs more than the rest of a cached-token request's logging. Nothing logs nested secrets.
const SECRET_KEYS = ['clientSecret', 'client_secret', 'accessToken', 'access_token', 'refreshToken', 'refresh_token', 'code', 'codeVerifier', 'key', 'url'];
const REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-api-key"]',
  'res.headers["set-cookie"]',
  ...SECRET_KEYS,
];

/** The request URL as logged: path only, because query strings carry codes and states. */
export function pathOnly(url: string | undefined): string {
  if (!url) return '';
  const cut = url.search(/[?#]/);
  return cut === -1 ? url : url.slice(0, cut);
}

export function createLogger(level: string, destination?: DestinationStream): Logger {
  const options: pino.LoggerOptions = {
    level,
    base: { service: 'ms365-signin' },
    redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    serializers: {
      req: (req: { method?: string; url?: string; id?: string }) => ({
        id: req.id,
        method: req.method,
        path: pathOnly(req.url),
      }),
      res: (res: { statusCode?: number }) => ({ statusCode: res.statusCode }),
      err: (err: Error & { code?: string }) => ({ type: err.name, code: err.code, message: err.message }),
    },
  };
  return destination ? pino(options, destination) : pino(options);
}
