// Scope strings as Entra reads them: OIDC scopes, Graph scopes (bare or prefixed with any cloud's
// Graph host) and scopes of other resources, plus the `scope` value a token response carries.
import { cloudOfGraphHost, type CloudId } from './clouds.js';
import type { App, Grant } from './model.js';

export const OIDC_SCOPES = ['openid', 'profile', 'email', 'offline_access'];
const GRAPH_APP_ID = '00000003-0000-0000-c000-000000000000';

export interface GraphScope {
  /** As the client spelled it: `User.Read` or `https://graph.microsoft.com/User.Read`. */
  raw: string;
  /** Lower-cased short name: `user.read`. */
  name: string;
}

export interface ParsedScopes {
  oidc: string[];
  graph: GraphScope[];
  other: string[];
  /** The cloud named by a prefixed Graph scope, if any. */
  cloud: CloudId | undefined;
}

export function splitScopes(scope: string | null | undefined): string[] {
  return (scope ?? '').split(/\s+/).filter(Boolean);
}

export function parseScopes(scope: string | null | undefined, app: App): ParsedScopes {
  const parsed: ParsedScopes = { oidc: [], graph: [], other: [], cloud: undefined };
  for (const raw of splitScopes(scope)) {
    const lower = raw.toLowerCase();
    if (OIDC_SCOPES.includes(lower)) {
      if (!parsed.oidc.includes(lower)) parsed.oidc.push(lower);
      continue;
    }
    const graph = graphParts(raw);
    if (!graph) {
      parsed.other.push(raw);
      continue;
    }
    parsed.cloud ??= graph.cloud;
    // `.default` means "whatever the registration is configured for".
    const names = graph.name.toLowerCase() === '.default' ? app.permissions : [graph.name];
    for (const name of names) addGraph(parsed.graph, { raw: `${graph.prefix}${name}`, name: name.toLowerCase() });
  }
  return parsed;
}

function addGraph(list: GraphScope[], scope: GraphScope): void {
  if (!list.some((s) => s.name === scope.name)) list.push(scope);
}

function graphParts(raw: string): { prefix: string; name: string; cloud: CloudId | undefined } | undefined {
  if (!raw.includes('/')) return { prefix: '', name: raw, cloud: undefined };
  const byId = raw.match(/^(00000003-0000-0000-c000-000000000000\/)(.+)$/i);
  if (byId?.[1] && byId[2]) return { prefix: byId[1], name: byId[2], cloud: undefined };
  const byHost = raw.match(/^(https:\/\/([^/]+)\/+)(.+)$/i);
  if (!byHost?.[1] || !byHost[2] || !byHost[3]) return undefined;
  const cloud = cloudOfGraphHost(byHost[2]);
  return cloud ? { prefix: byHost[1], name: byHost[3], cloud } : undefined;
}

/**
 * The `scope` of a token response: granted Graph scopes as requested, then the OIDC scopes.
 * Entra adds `email` for work accounts and never echoes `offline_access` (reference ms365 §4.2).
 */
export function responseScopes(requestedOidc: string[], granted: string[], personal: boolean): string[] {
  const oidc = ['openid', 'profile'].filter((s) => requestedOidc.includes(s));
  if (requestedOidc.includes('email') || (!personal && requestedOidc.includes('openid'))) oidc.push('email');
  return [...granted, ...oidc];
}

/**
 * Which of the requested Graph scopes a grant covers. Withheld ones are dropped silently (as Entra
 * drops scopes a personal account cannot have); anything never consented is `missing` (AADSTS65001).
 */
export function coveredScopes(requested: GraphScope[], grant: Grant): { granted: string[]; missing: string[] } {
  const consented = grant.granted.map((raw) => shortName(raw).toLowerCase());
  const granted: string[] = [];
  const missing: string[] = [];
  for (const scope of requested) {
    if (consented.includes(scope.name)) granted.push(scope.raw);
    else if (!grant.withheld.includes(scope.name)) missing.push(scope.raw);
  }
  return { granted, missing };
}

/** The `scp` claim: short names only. */
export function scpClaim(scopes: string[]): string {
  return scopes.map(shortName).join(' ');
}

export function shortName(scope: string): string {
  const slash = scope.lastIndexOf('/');
  return slash >= 0 ? scope.slice(slash + 1) : scope;
}

export { GRAPH_APP_ID };
