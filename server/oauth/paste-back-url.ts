// Pure parser for the address a user copies after signing in: Microsoft's blank nativeclient page, or
// the http://localhost page the browser could not open. Forgiving about how it was copied, strict
// about where it came from; it never logs or keeps the code.
import type { ErrorCode } from '../errors/codes.js';

export type PastedUrl =
  | { kind: 'code'; code: string; state?: string }
  | { kind: 'error'; error: string; errorDescription?: string; errorSubcode?: string; state?: string };

export type PasteRefusalCode = Extract<ErrorCode, 'paste_empty' | 'paste_not_a_url' | 'paste_wrong_page' | 'paste_no_code' | 'paste_wrongplace'>;

export interface PasteRefusal {
  kind: 'refused';
  code: PasteRefusalCode;
}

export interface ExpectedPage {
  /** Allowed `host[:port]` values: the cloud's login host, an emulator's, or `localhost[:port]`. */
  hosts: readonly string[];
  /** Case-sensitive, as Entra matches redirect URI paths; a trailing slash is tolerated. */
  path: string;
  /**
   * `exact`: the port must be the one in `hosts` (a localhost redirect: only the registered port);
   * `any`: any port. Unset: as given, with 80 and 443 counting as none (an http/https swap).
   */
  ports?: 'exact' | 'any';
}

/**
 * Microsoft's codes are long: about 50 characters for a personal account (`M.C5xx_BAY.2.U.<guid>`),
 * hundreds for a work account (`0.A…`). A pasted code far shorter was cut off while copying.
 */
export const MIN_CODE_CHARS = 40;

/** A real nativeclient address is about 2 KB; anything far longer is not one, so it is not parsed. */
export const MAX_PASTE_CHARS = 16 * 1024;

// Quotes and brackets that chat apps, e-mail and editors wrap around a copied address.
const WRAPPERS = new Set(['"', "'", '`', '“', '”', '‘', '’', '„', '«', '»', '<', '>']);

/** Parses a paste that must come from one of the `expected` pages (or be only their parameters). */
export function parsePastedUrl(input: string, expected: ExpectedPage | readonly ExpectedPage[]): PastedUrl | PasteRefusal {
  const pages: readonly ExpectedPage[] = Array.isArray(expected) ? expected : [expected as ExpectedPage];
  if (input.length > MAX_PASTE_CHARS) return refuse('paste_not_a_url');
  const text = unwrap(input);
  if (text === '') return refuse('paste_empty');
  if (isParametersOnly(text)) return readParameters(text);
  const url = parseAddress(text);
  if (!url) return refuse('paste_not_a_url');
  if (pages.some((page) => isWrongPlacePage(url, page))) return refuse('paste_wrongplace');
  if (!pages.some((page) => isExpectedPage(url, page))) return refuse('paste_wrong_page');
  return readParameters(url.search + url.hash);
}

/**
 * The `state` a paste carries, wherever it came from, so the caller can find the sign-in it belongs
 * to and hold the paste to that sign-in's own page. Undefined when there is none to read.
 */
export function pastedState(input: string): string | undefined {
  if (input.length > MAX_PASTE_CHARS) return undefined;
  const text = unwrap(input);
  let tail = text;
  if (!isParametersOnly(text)) {
    const url = parseAddress(text);
    if (!url) return undefined;
    tail = url.search + url.hash;
  }
  // The state may sit in the query or, with response_mode=fragment, after the #.
  return nonEmpty(new URLSearchParams(tail.replace(/^[?#]/, '').replace('#', '&')).get('state'));
}

function refuse(code: PasteRefusalCode): PasteRefusal {
  return { kind: 'refused', code };
}

/** Drops surrounding wrappers, and all whitespace: an address has none, but a wrapped line does. */
function unwrap(input: string): string {
  const text = input.replace(/\s+/g, '');
  let start = 0;
  let end = text.length;
  while (start < end && WRAPPERS.has(text.charAt(start))) start += 1;
  while (end > start && WRAPPERS.has(text.charAt(end - 1))) end -= 1;
  // Copied from HTML source or some mail clients, the separators arrive escaped.
  return text.slice(start, end).replace(/&amp;/gi, '&');
}

/** `?code=…&state=…`, `#code=…` or a bare `code=…&state=…`: the user copied only the end. */
function isParametersOnly(text: string): boolean {
  return text.startsWith('?') || text.startsWith('#') || /^[\w.~%-]+=/.test(text);
}

// A host name with a dot, or any host with a port, followed by a path: the scheme was left behind.
const SCHEMELESS_ADDRESS = /^(?:[a-z0-9-]+(?:\.[a-z0-9-]+)+(?::\d+)?|[a-z0-9.-]+:\d+)\//i;
// `localhost/?code=…`: Chrome shows the page that could not load without `http://`, and Firefox may
// copy it that way. Plain http, since that is the only scheme the localhost redirect uses.
const SCHEMELESS_LOCALHOST = /^localhost(?::\d+)?[/?#]/i;

function parseAddress(text: string): URL | undefined {
  // Some address bars hide the scheme, and some copies leave it out.
  const address = SCHEMELESS_LOCALHOST.test(text) ? `http://${text}` : SCHEMELESS_ADDRESS.test(text) ? `https://${text}` : text;
  try {
    const url = new URL(address);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url : undefined;
  } catch {
    return undefined;
  }
}

function isExpectedPage(url: URL, expected: ExpectedPage): boolean {
  // user:pass@ in front of the host is a classic disguise; Microsoft never sends one.
  if (url.username !== '' || url.password !== '') return false;
  const hostOk = expected.hosts.some((allowed) => sameHost(url, allowed, expected.ports));
  const pathOk = url.pathname === expected.path || url.pathname === `${expected.path}/`;
  return hostOk && pathOk;
}

/**
 * Since late 2025 Microsoft may bounce the nativeclient redirect to `/common/wrongplace`; its
 * address carries no code, but the browser history still holds the one before it that does.
 */
function isWrongPlacePage(url: URL, expected: ExpectedPage): boolean {
  const host = normaliseHost(url.host);
  return expected.hosts.some((allowed) => normaliseHost(allowed) === host) && /\/wrongplace\/?$/i.test(url.pathname);
}

function sameHost(url: URL, allowed: string, ports: ExpectedPage['ports']): boolean {
  if (ports === 'any') return url.hostname.toLowerCase() === allowed.toLowerCase().replace(/:\d+$/, '');
  // URL already drops the scheme's own default port, so `http://localhost:80` is `localhost`.
  if (ports === 'exact') return url.host.toLowerCase() === allowed.toLowerCase();
  return normaliseHost(allowed) === normaliseHost(url.host);
}

/** http and https default ports both count as "no port", since `http:` pastes are accepted too. */
function normaliseHost(host: string): string {
  return host.toLowerCase().replace(/:(?:443|80)$/, '');
}

/** Reads the query, or the fragment when Microsoft answered with response_mode=fragment. */
function readParameters(tail: string): PastedUrl | PasteRefusal {
  const hashAt = tail.indexOf('#');
  const query = hashAt === -1 ? tail : tail.slice(0, hashAt);
  const fragment = hashAt === -1 ? '' : tail.slice(hashAt + 1);
  const fromQuery = new URLSearchParams(query.replace(/^\?/, ''));
  const params = hasAnswer(fromQuery) ? fromQuery : new URLSearchParams(fragment.replace(/^[#?]/, ''));
  const state = nonEmpty(params.get('state'));
  const error = nonEmpty(params.get('error'));
  if (error !== undefined) {
    return {
      kind: 'error',
      error,
      ...optional('errorDescription', nonEmpty(params.get('error_description'))),
      ...optional('errorSubcode', nonEmpty(params.get('error_subcode'))),
      ...optional('state', state),
    };
  }
  const code = nonEmpty(params.get('code'));
  if (code === undefined) return refuse('paste_no_code');
  return { kind: 'code', code, ...optional('state', state) };
}

function hasAnswer(params: URLSearchParams): boolean {
  return nonEmpty(params.get('code')) !== undefined || nonEmpty(params.get('error')) !== undefined;
}

function nonEmpty(value: string | null): string | undefined {
  return value === null || value === '' ? undefined : value;
}

function optional<K extends string>(key: K, value: string | undefined): { [P in K]?: string } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: string };
}
