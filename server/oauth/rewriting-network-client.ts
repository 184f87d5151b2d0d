// The msal-node network module: plain fetch with a timeout, optionally sending every Microsoft
// login host to one override origin (the emulator in tests and the demo). Never logs bodies:
// token requests carry the client secret and refresh tokens. Never follows a redirect: fetch would
// replay a POST body (secret, refresh token, code) to wherever a 307/308 points, and Microsoft's
// token and discovery endpoints never redirect, so a 3xx is a failure on the way to Microsoft.
import type { AuthError } from '@azure/msal-node';
import { msalNode } from './msal-module.js';
import type { INetworkModule, NetworkRequestOptions, NetworkResponse } from '@azure/msal-node';

/** Every host msal-node may call for the three clouds, aliases included (its hard-coded metadata). */
export const MICROSOFT_LOGIN_HOSTS: readonly string[] = [
  'login.microsoftonline.com',
  'login.windows.net',
  'login.microsoft.com',
  'sts.windows.net',
  'login.partner.microsoftonline.cn',
  'login.chinacloudapi.cn',
  'login.microsoftonline.us',
  'login.usgovcloudapi.net',
];

export const DEFAULT_TIMEOUT_MS = 15_000;

export interface NetworkClientOptions {
  /** Origin such as `http://127.0.0.2:4011` that replaces every Microsoft login host. */
  loginOverride?: string | undefined;
  timeoutMs?: number | undefined;
}

export function isMicrosoftLoginHost(hostname: string): boolean {
  return MICROSOFT_LOGIN_HOSTS.includes(hostname.toLowerCase());
}

/**
 * Points a Microsoft login URL at the override, keeping path, query and fragment. Other URLs and
 * a missing override leave it untouched. The app uses this for the authorize URL the browser opens.
 */
export function rewriteLoginUrl(url: string, override: string | undefined): string {
  if (!override) return url;
  const target = new URL(url);
  if (!isMicrosoftLoginHost(target.hostname)) return url;
  const base = new URL(override);
  // An override may sit below a path (behind a reverse proxy); keep that prefix.
  const prefix = base.pathname.replace(/\/+$/, '');
  return `${base.origin}${prefix}${target.pathname}${target.search}${target.hash}`;
}

export function createNetworkClient(options: NetworkClientOptions = {}): INetworkModule {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const send = <T>(method: 'GET' | 'POST', url: string, req?: NetworkRequestOptions, timeout?: number) =>
    sendRequest<T>(method, url, req, options.loginOverride, Math.min(timeout || timeoutMs, timeoutMs));
  return {
    sendGetRequestAsync: <T>(url: string, req?: NetworkRequestOptions, timeout?: number) =>
      send<T>('GET', url, req, timeout),
    sendPostRequestAsync: <T>(url: string, req?: NetworkRequestOptions) => send<T>('POST', url, req),
  };
}

async function sendRequest<T>(
  method: 'GET' | 'POST',
  url: string,
  req: NetworkRequestOptions | undefined,
  override: string | undefined,
  timeoutMs: number,
): Promise<NetworkResponse<T>> {
  const target = rewriteLoginUrl(url, override);
  const headers = new Headers(req?.headers ?? {});
  // Tells the emulator which cloud msal meant; a real Microsoft host never sees this header.
  if (target !== url) headers.set('x-forwarded-host', new URL(url).host);
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    const init: RequestInit = { method, headers, signal: controller.signal, redirect: 'manual' };
    if (method === 'POST') init.body = req?.body ?? '';
    const response = await fetch(target, init).catch((error: unknown) => {
      throw networkError(error);
    });
    if (response.status >= 300 && response.status < 400) {
      await response.body?.cancel().catch(() => undefined);
      throw redirected(response.status);
    }
    // The body is read under the same timer: a server that sends headers then stalls still times out.
    const text = await response.text().catch((error: unknown) => {
      throw networkError(error);
    });
    return { status: response.status, headers: headerRecord(response.headers), body: parseBody<T>(text) };
  } finally {
    clearTimeout(timer);
  }
}

function headerRecord(headers: Headers): Record<string, string> {
  const record: Record<string, string> = {};
  headers.forEach((value, key) => {
    record[key.toLowerCase()] = value;
  });
  return record;
}

// Same error codes and wording as msal-node's own HttpClient, so callers classify both alike.
function parseBody<T>(text: string): T {
  try {
    return JSON.parse(text) as T;
  } catch (error) {
    const reason = error instanceof Error ? error.message : 'unknown';
    const { AuthError, ClientAuthErrorCodes } = msalNode();
    throw new AuthError(ClientAuthErrorCodes.tokenParsingError, '', `Failed to parse response: ${reason}`);
  }
}

/** A network_error, so the broker treats it as Microsoft unreachable (transient), never as the account's fault. */
function redirected(status: number): AuthError {
  const { AuthError, ClientAuthErrorCodes } = msalNode();
  return new AuthError(ClientAuthErrorCodes.networkError, '', `Network request failed: the answer was a redirect (${status}), which is never followed with a token request`);
}

function networkError(error: unknown): AuthError {
  const { AuthError, ClientAuthErrorCodes } = msalNode();
  if (error instanceof Error && error.name === 'AbortError') {
    return new AuthError(ClientAuthErrorCodes.networkError, '', 'Request timeout');
  }
  const reason = error instanceof Error ? error.message : 'unknown';
  return new AuthError(ClientAuthErrorCodes.networkError, '', `Network request failed: ${reason}`);
}
