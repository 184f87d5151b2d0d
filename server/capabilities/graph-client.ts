// The Microsoft Graph SDK client the add-on reads Graph with (/me after a sign-in, "Check what works"):
// the SDK's own authentication, retry and telemetry middleware, ending in our fetch step.
//
// Why each piece is as it is (read from microsoftgraph/msgraph-sdk-javascript, v3.0.7):
// - AuthenticationHandler adds `Authorization` only when the URL is https and its host is in the SDK's
//   list (graph.microsoft.com, graph.microsoft.us, microsoftgraph.chinacloudapi.cn, …) or in
//   `customHosts`; for any other URL it deletes the header (GraphRequestUtil.isValidEndpoint). So the
//   three clouds' Graph hosts go into `customHosts` (they need not rely on the SDK's built-in list),
//   and so does an https endpoint override. The SDK never matches plain-http URLs, which is what the
//   emulator in tests and the demo listens on: requests are therefore always addressed to the cloud's
//   real Graph host, and the last step sends them to the endpoint override, as the msal network
//   client does for login hosts (oauth/rewriting-network-client.ts).
// - The SDK's HTTPMessageHandler calls the global fetch with whatever options the request has, and
//   its default chain adds a RedirectHandler that follows redirects itself. Neither is used: the chain
//   ends in `sendWithoutRedirects`, which always sets `redirect: 'manual'`, so a redirect is never
//   followed with the token on it; a 3xx reaches the SDK as a failed response.
// - RetryHandler retries 429/503/504 and sleeps for Retry-After seconds (setTimeout, capped at 180 s).
//   We allow few retries and decline (shouldRetry) when Retry-After asks for more than a few seconds:
//   a person is waiting for the answer. Tests make the emulator answer `Retry-After: 0`.
import type { AuthenticationProvider, Client, Context, Middleware, RetryHandlerOptions } from '@microsoft/microsoft-graph-client';
import { CLOUDS, CLOUD_IDS, type CloudId } from '../settings/clouds.js';
import { graphSdk } from './graph-sdk.js';

export const GRAPH_CALL_TIMEOUT_MS = 15_000;
/** Retries of one call after 429/503/504 (the SDK's default is 3). */
export const GRAPH_MAX_RETRIES = 2;
/** A Retry-After longer than this is not waited for: the check reports the refusal instead. */
export const GRAPH_MAX_RETRY_WAIT_S = 5;

export type FetchLike = (input: string, init: RequestInit) => Promise<Response>;

export interface GraphClientOptions {
  cloud: CloudId;
  /** Where requests really go: the cloud's Graph origin, or an override such as the emulator's. */
  graphOrigin: string;
  /** An access token for the account; called for every request, so it may come from the broker. */
  accessToken: () => Promise<string>;
  fetch?: FetchLike;
  timeoutMs?: number;
}

/** The real Graph hosts of all three clouds, plus an https override's host (see the header comment). */
export function graphCustomHosts(graphOrigin: string): Set<string> {
  const hosts = new Set<string>(CLOUD_IDS.map((id) => CLOUDS[id].graphHost));
  const override = new URL(graphOrigin);
  if (override.protocol === 'https:') hosts.add(override.host.toLowerCase());
  return hosts;
}

/** The base URL the SDK is given: always the cloud's real host, so its host check can pass. */
export function sdkBaseUrl(cloud: CloudId): string {
  return `https://${CLOUDS[cloud].graphHost}/`;
}

/** Points a URL on the cloud's Graph host at the origin requests really go to. */
export function toRealOrigin(url: string, cloud: CloudId, graphOrigin: string): string {
  const target = new URL(url);
  if (target.hostname.toLowerCase() !== CLOUDS[cloud].graphHost) return url;
  const base = new URL(graphOrigin);
  const prefix = base.pathname.replace(/\/+$/, '');
  return `${base.origin}${prefix}${target.pathname}${target.search}`;
}

/** The last step of the chain: one fetch, never following a redirect, with a timeout. */
class SendWithoutRedirects implements Middleware {
  constructor(private readonly options: Required<Pick<GraphClientOptions, 'cloud' | 'graphOrigin' | 'timeoutMs'>> & { fetch: FetchLike }) {}

  async execute(context: Context): Promise<void> {
    const request = context.request;
    const url = typeof request === 'string' ? request : request.url;
    const init: RequestInit = { ...(context.options ?? {}), redirect: 'manual', signal: AbortSignal.timeout(this.options.timeoutMs) };
    context.response = await this.options.fetch(toRealOrigin(url, this.options.cloud, this.options.graphOrigin), init);
  }
}

function retryOptions(): RetryHandlerOptions {
  // Delay 0: without Retry-After the SDK adds only its own small back-off; with it, Retry-After rules.
  return new (graphSdk().RetryHandlerOptions)(0, GRAPH_MAX_RETRIES, (_delay, _attempt, _request, _options, response) => {
    const header = response.headers.get('retry-after');
    if (header === null) return true;
    const seconds = Number.isNaN(Number(header)) ? (Date.parse(header) - Date.now()) / 1000 : Number(header);
    return Number.isFinite(seconds) && seconds <= GRAPH_MAX_RETRY_WAIT_S;
  });
}

export function createGraphClient(options: GraphClientOptions): Client {
  const authProvider: AuthenticationProvider = { getAccessToken: () => options.accessToken() };
  const { AuthenticationHandler, Client, RetryHandler, TelemetryHandler } = graphSdk();
  const auth = new AuthenticationHandler(authProvider);
  const retry = new RetryHandler(retryOptions());
  const telemetry = new TelemetryHandler();
  const send = new SendWithoutRedirects({
    cloud: options.cloud,
    graphOrigin: options.graphOrigin,
    timeoutMs: options.timeoutMs ?? GRAPH_CALL_TIMEOUT_MS,
    fetch: options.fetch ?? ((input, init) => fetch(input, init)),
  });
  auth.setNext(retry);
  retry.setNext(telemetry);
  telemetry.setNext(send);
  return Client.initWithMiddleware({
    middleware: auth,
    baseUrl: sdkBaseUrl(options.cloud),
    defaultVersion: 'v1.0',
    customHosts: graphCustomHosts(options.graphOrigin),
    fetchOptions: { redirect: 'manual' },
  });
}
