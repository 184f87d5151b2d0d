// Builds msal-node clients for an app registration. The authority is always the real Microsoft
// host (so cache entries look like production); an endpoint override only reroutes the traffic.
import { ConfidentialClientApplication, LogLevel, type ICachePlugin } from '@azure/msal-node';
import type { Logger } from '../log.js';
import { authorityUrl } from '../settings/clouds.js';
import type { AppRegistration } from '../store/schema.js';
import { createNetworkClient, rewriteLoginUrl } from './rewriting-network-client.js';

export interface MsalFactory {
  create(app: AppRegistration, cachePlugin?: ICachePlugin): ConfidentialClientApplication;
  /** The address a browser must open for msal's authorize URL (the emulator's, with an override). */
  browserUrl(url: string): string;
}

export function createMsalFactory(options: { endpointOverride?: string | undefined; log: Logger }): MsalFactory {
  const networkClient = createNetworkClient({ loginOverride: options.endpointOverride });
  const log = options.log.child({ component: 'msal' });
  return {
    create(app, cachePlugin) {
      return new ConfidentialClientApplication({
        auth: { clientId: app.clientId, clientSecret: app.clientSecret, authority: authorityUrl(app.cloud, app.tenant) },
        system: {
          networkClient,
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
