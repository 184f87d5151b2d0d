// The /me check after a sign-in, against the Graph host of the account's cloud. Plain fetch on
// purpose: the Graph SDK drops the Authorization header for hosts outside its allow-list.
export interface GraphProfile {
  ok: boolean;
  status: number;
  displayName?: string;
  userPrincipalName?: string;
  mail?: string | null;
}

const PROFILE_TIMEOUT_MS = 10_000;

export async function fetchGraphProfile(graphOrigin: string, accessToken: string): Promise<GraphProfile> {
  try {
    const response = await fetch(`${graphOrigin}/v1.0/me?$select=id,displayName,userPrincipalName,mail`, {
      headers: { authorization: `Bearer ${accessToken}`, accept: 'application/json' },
      signal: AbortSignal.timeout(PROFILE_TIMEOUT_MS),
    });
    if (!response.ok) return { ok: false, status: response.status };
    const body = (await response.json()) as Record<string, unknown>;
    return {
      ok: true,
      status: response.status,
      displayName: typeof body.displayName === 'string' ? body.displayName : undefined,
      userPrincipalName: typeof body.userPrincipalName === 'string' ? body.userPrincipalName : undefined,
      mail: typeof body.mail === 'string' ? body.mail : null,
    };
  } catch {
    return { ok: false, status: 0 };
  }
}
