// Where a pass-through call goes: the raw path and query after `/graph/`, kept exactly as the
// consumer spelled them, checked to stay on the account's Graph host under /v1.0 or /beta.
import { AppError } from '../../../errors/app-error.js';

export interface GraphTarget {
  /** Absolute URL on the Graph origin (normalised by WHATWG URL: for checks and display only). */
  url: URL;
  /** `/v1.0/…?…` byte for byte as the consumer sent it: what goes on the wire. */
  requestPath: string;
  /** `v1.0/me/messages` → ['me', 'messages'], decoded and lower-cased, for the permission table. */
  segments: string[];
  /** `/v1.0/me/messages`, without the query, for messages and the audit log. */
  displayPath: string;
}

const MARKER = '/graph/';
const VERSION = /^(v1\.0|beta)$/i;
const MAX_PATH_CHARS = 4096;

const invalid = (message: string) =>
  new AppError('validation_failed', {
    field: 'path',
    message,
    fix: 'Call /v1/accounts/<account id>/graph/v1.0/<Graph path>, for example …/graph/v1.0/me/messages?$top=5.',
  });

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw invalid('The Graph path is not correctly percent-encoded.');
  }
}

/** `rawUrl` is the request's own URL (`/v1/accounts/<id>/graph/v1.0/me?$top=1`), never a decoded copy. */
export function graphTarget(rawUrl: string, graphOrigin: string): GraphTarget {
  const at = rawUrl.indexOf(MARKER);
  const rest = at === -1 ? '' : rawUrl.slice(at + MARKER.length);
  const queryAt = rest.search(/[?#]/);
  const rawPath = queryAt === -1 ? rest : rest.slice(0, queryAt);
  const rawQuery = queryAt === -1 ? '' : rest.slice(queryAt).split('#', 1)[0] ?? '';
  if (rawPath.length === 0 || rawPath.length > MAX_PATH_CHARS) throw invalid('Name a Graph path after /graph/, starting with v1.0/ or beta/.');
  const rawSegments = rawPath.split('/');
  const decoded = rawSegments.map(decodeSegment);
  if (!VERSION.test(decoded[0] ?? '')) throw invalid('The Graph path must start with v1.0/ or beta/.');
  // Dot segments and backslashes could walk off the Graph API; control characters could split a header.
  if (decoded.some((segment) => segment === '.' || segment === '..' || /[\\\u0000-\u001f\u007f]/.test(segment))) {
    throw invalid('The Graph path may not contain "." or ".." segments, backslashes or control characters.');
  }
  const url = new URL(`${graphOrigin.replace(/\/+$/, '')}/${rawPath}${rawQuery}`);
  if (url.origin !== new URL(graphOrigin).origin) throw invalid('The Graph path must stay on the Graph host.');
  return {
    url,
    requestPath: `/${rawPath}${rawQuery}`,
    segments: decoded.slice(1).filter((segment) => segment !== '').map((segment) => segment.toLowerCase()),
    displayPath: `/${rawPath}`,
  };
}
