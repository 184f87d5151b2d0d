// The three Microsoft clouds the add-on signs in to, and how a test or the demo points them at an emulator.
// Production never sets an override: the hosts below are the ones users register in the Entra portal.

import type { CloudId } from '../../shared/clouds.js';

export { CLOUD_IDS, type CloudId } from '../../shared/clouds.js';

export interface Cloud {
  id: CloudId;
  label: string;
  loginHost: string;
  graphHost: string;
  portalUrl: string;
}

export const CLOUDS: Record<CloudId, Cloud> = {
  global: {
    id: 'global',
    label: 'Global (Microsoft Entra ID)',
    loginHost: 'login.microsoftonline.com',
    graphHost: 'graph.microsoft.com',
    portalUrl: 'https://entra.microsoft.com',
  },
  china: {
    id: 'china',
    label: 'China (operated by 21Vianet)',
    loginHost: 'login.partner.microsoftonline.cn',
    graphHost: 'microsoftgraph.chinacloudapi.cn',
    portalUrl: 'https://portal.azure.cn',
  },
  usgov: {
    id: 'usgov',
    label: 'US Government',
    loginHost: 'login.microsoftonline.us',
    graphHost: 'graph.microsoft.us',
    portalUrl: 'https://portal.azure.us',
  },
};

export const NATIVECLIENT_PATH = '/common/oauth2/nativeclient';

/** The redirect URI users register for paste-back, exactly as the prerequisites spell it. */
export function nativeClientUrl(cloud: CloudId): string {
  return `https://${CLOUDS[cloud].loginHost}${NATIVECLIENT_PATH}`;
}

/**
 * The localhost paste-back's redirect URI, the same for every cloud: Entra allows plain http only for
 * localhost, and nothing listens there, so the browser shows "This site can't be reached" with the
 * whole answer in its address bar (no wrongplace page, no Safari download, nothing exposed).
 */
export const LOCALHOST_REDIRECT_URI = 'http://localhost';

/** The authority msal-node is given: always the real host, so cache entries match production. */
export function authorityUrl(cloud: CloudId, tenant: string): string {
  return `https://${CLOUDS[cloud].loginHost}/${tenant}`;
}

/**
 * Where requests really go. With an override (tests, demo) both the login and the Graph host
 * of every cloud are replaced by one origin such as `http://127.0.0.2:4011`.
 */
export interface Endpoints {
  loginOrigin(cloud: CloudId): string;
  graphOrigin(cloud: CloudId): string;
}

export function resolveEndpoints(override: { login?: string | undefined; graph?: string | undefined }): Endpoints {
  return {
    loginOrigin: (cloud) => override.login ?? `https://${CLOUDS[cloud].loginHost}`,
    graphOrigin: (cloud) => override.graph ?? `https://${CLOUDS[cloud].graphHost}`,
  };
}

/** The consumer tenant every personal Microsoft account belongs to (fixed by Microsoft). */
const CONSUMER_TENANT_ID = '9188040d-6c67-4c5b-b112-36a304b66dad';

/** Whether an account's tenant is the personal (Microsoft account) one. */
export function isConsumerTenant(tenantId: string): boolean {
  return tenantId.toLowerCase() === CONSUMER_TENANT_ID;
}
