// Builds msal-node clients for an app registration. The authority is always the real Microsoft
// host (so cache entries look like production); an endpoint override only reroutes the traffic.
import type { ConfidentialClientApplication, ICachePlugin, INetworkModule, NetworkRequestOptions } from '@azure/msal-node';
import type { Logger } from '../log.js';
import { authorityUrl } from '../settings/clouds.js';
import type { AppRegistration } from '../store/schema.js';
import { msalNode } from './msal-module.js';
import { createNetworkClient, rewriteLoginUrl } from './rewriting-network-client.js';

export interface MsalFactory {
  /** `observeResponse` sees the status and headers of every answer this client gets (msal's errors carry neither). */
  create(app: AppRegistration, cachePlugin?: ICachePlugin, observeResponse?: ResponseObserver): ConfidentialClientApplication;
  /** The address a browser must open for msal's authorize URL (the emulator's, with an override). */
  browserUrl(url: string): string;
}

/** Status and headers of an answer msal got; msal's errors carry neither (reference §3.3), e.g. Retry-After. */
export type ResponseObserver = (status: number, headers: Record<string, string>) => void;

export function createMsalFactory(options: { endpointOverride?: string | undefined; log: Logger }): MsalFactory {
  const networkClient = createNetworkClient({ loginOverride: options.endpointOverride });
  const log = options.log.child({ component: 'msal' });
  return {
    create(app, cachePlugin, observeResponse) {
      const { ConfidentialClientApplication, LogLevel } = msalNode();
      return new ConfidentialClientApplication({
        auth: { clientId: app.clientId, clientSecret: app.clientSecret, authority: authorityUrl(app.cloud, app.tenant) },
        system: {
          networkClient: observed(networkClient, observeResponse),
          loggerOptions: {
            // PII logging stays off: msal then keeps tokens, codes and usernames out of its messages.
            piiLoggingEnabled: false,
            logLevel: LogLevel.Warning,
            loggerCallback: (level, message) => {
              if (level <= LogLevel.Warning) log.warn({ msal: message });
            },
          },
        },
        ...(cachePlugin ? { cache: { cachePlugin } } : {}),
      });
    },
    browserUrl: (url) => (options.endpointOverride ? rewriteLoginUrl(url, options.endpointOverride) : url),
  };
}

function observed(client: INetworkModule, observe: ResponseObserver | undefined): INetworkModule {
  if (!observe) return client;
  return {
    sendGetRequestAsync: async <T>(url: string, req?: NetworkRequestOptions, timeout?: number) => {
      const response = await client.sendGetRequestAsync<T>(url, req, timeout);
      observe(response.status, response.headers);
      return response;
    },
    sendPostRequestAsync: async <T>(url: string, req?: NetworkRequestOptions) => {
      const response = await client.sendPostRequestAsync<T>(url, req);
      observe(response.status, response.headers);
      return response;
    },
  };
}
