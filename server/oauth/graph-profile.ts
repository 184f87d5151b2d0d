// The /me check after a sign-in, against the Graph host of the account's cloud, through the Graph
// SDK client (capabilities/graph-client.ts: the token goes only to Graph hosts, redirects are never
// followed, and a redirect counts as a failure like any other non-2xx answer).
import { createGraphClient, type FetchLike } from '../capabilities/graph-client.js';
import { graphSdk } from '../capabilities/graph-sdk.js';
import type { CloudId } from '../settings/clouds.js';

export interface GraphProfile {
  ok: boolean;
  status: number;
  displayName?: string;
  userPrincipalName?: string;
  mail?: string | null;
}

export async function fetchGraphProfile(graphOrigin: string, accessToken: string, cloud: CloudId = 'global', fetch?: FetchLike): Promise<GraphProfile> {
  const client = createGraphClient({ cloud, graphOrigin, accessToken: async () => accessToken, ...(fetch ? { fetch } : {}) });
  try {
    const body = (await client.api('/me').select(['id', 'displayName', 'userPrincipalName', 'mail']).get()) as Record<string, unknown> | undefined;
    return {
      ok: true,
      status: 200,
      displayName: typeof body?.displayName === 'string' ? body.displayName : undefined,
      userPrincipalName: typeof body?.userPrincipalName === 'string' ? body.userPrincipalName : undefined,
      mail: typeof body?.mail === 'string' ? body.mail : null,
    };
  } catch (error) {
    return { ok: false, status: error instanceof graphSdk().GraphError && error.statusCode > 0 ? error.statusCode : 0 };
  }
}
