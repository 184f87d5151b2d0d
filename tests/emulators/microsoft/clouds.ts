// Which cloud a login host belongs to, so tokens carry that cloud's issuer and Graph audience.
// One emulator plays all three clouds; the cloud is inferred from hosts the client mentions.
import { CLOUDS, type CloudId } from '../../../server/settings/clouds.js';

export type { CloudId };

const HOST_CLOUD: Record<string, CloudId> = {
  'login.microsoftonline.com': 'global',
  'login.windows.net': 'global',
  'login.microsoft.com': 'global',
  'sts.windows.net': 'global',
  'login.partner.microsoftonline.cn': 'china',
  'login.chinacloudapi.cn': 'china',
  'login.microsoftonline.us': 'usgov',
  'login.usgovcloudapi.net': 'usgov',
};

export function cloudOfLoginHost(host: string | undefined): CloudId | undefined {
  if (!host) return undefined;
  return HOST_CLOUD[host.toLowerCase().replace(/:\d+$/, '')];
}

export function cloudOfGraphHost(host: string): CloudId | undefined {
  const lower = host.toLowerCase();
  return (Object.keys(CLOUDS) as CloudId[]).find((id) => CLOUDS[id].graphHost === lower);
}

export const loginHostOf = (cloud: CloudId): string => CLOUDS[cloud].loginHost;
export const graphOriginOf = (cloud: CloudId): string => `https://${CLOUDS[cloud].graphHost}`;

/** `https://<any cloud's login host>/<tenant>/oauth2/nativeclient`, Microsoft's blank landing page. */
export function isNativeClientUrl(uri: string): boolean {
  try {
    const url = new URL(uri);
    return url.protocol === 'https:' && cloudOfLoginHost(url.host) !== undefined && /^\/[^/]+\/oauth2\/nativeclient$/i.test(url.pathname);
  } catch {
    return false;
  }
}
