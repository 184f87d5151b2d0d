// Shapes shared by the emulator's modules: registrations, users, pending sign-ins, grants and tokens.
import type { CloudId } from './clouds.js';

export type SignInAudience = 'multi_and_personal' | 'multi' | 'single' | 'personal';

export interface AppSecretInput {
  value: string;
  id: string;
  /** ISO date, epoch milliseconds or Date; compared with the emulator's clock. */
  expiresAt?: string | number | Date;
}

export interface AppInput {
  clientId: string;
  tenantId?: string;
  signInAudience?: SignInAudience;
  secrets: AppSecretInput[];
  redirectUris: string[];
  displayName?: string;
  /** Configured Graph permissions, what a `.default` scope expands to. */
  permissions?: string[];
}

export interface App {
  clientId: string;
  tenantId: string;
  signInAudience: SignInAudience;
  secrets: Array<{ value: string; id: string; expiresAt?: number }>;
  redirectUris: string[];
  displayName: string;
  permissions: string[];
}

export interface UserInput {
  username: string;
  name: string;
  oid?: string;
  tid?: string;
  personal?: boolean;
  /** Users (usernames) this user's mailbox is shared with: their Calendars.Read.Shared reads work. */
  sharedWith?: string[];
  /** False: Microsoft To Do was never provisioned for this user. */
  todo?: boolean;
}

export interface User {
  username: string;
  name: string;
  oid: string;
  tid: string;
  personal: boolean;
  sharedWith?: string[];
  todo?: boolean;
}

export type FaultEndpoint = 'token' | 'graph' | 'authorize';
export type FaultKind = 'json' | 'network_drop' | 'malformed' | 'hang' | 'redirect';

export interface FaultSpec {
  endpoint: FaultEndpoint;
  aadsts?: number;
  error?: string;
  suberror?: string;
  status?: number;
  retryAfterSeconds?: number;
  count?: number;
  kind?: FaultKind;
  /** For `redirect`: where the 307/308 points (a recording server in tests). */
  location?: string;
}

/** What the authorize request asked for, kept server-side while the user walks the pages. */
export interface AuthorizeParams {
  clientId: string;
  tenant: string;
  redirectUri: string;
  responseMode: 'query' | 'fragment' | 'form_post';
  scope: string;
  state: string | undefined;
  nonce: string | undefined;
  codeChallenge: string | undefined;
  codeChallengeMethod: 'S256' | 'plain';
  clientInfo: boolean;
  loginHint: string | undefined;
  wantsLoginHintClaim: boolean;
  cloud: CloudId;
  /** msal's client-request-id; Entra keeps it as the correlation id for the whole sign-in. */
  correlationId: string | undefined;
}

export interface PendingFlow {
  id: string;
  params: AuthorizeParams;
  sessionState: string;
  createdAt: number;
  username?: string;
  fault?: FaultSpec;
}

/** The consent a sign-in produced; refresh tokens point at it. */
export interface Grant {
  clientId: string;
  username: string;
  /** Granted Graph scopes, spelled as the client asked for them. */
  granted: string[];
  /** Lower-cased Graph scope names that were asked for but withheld. */
  withheld: string[];
  /** Lower-cased OIDC scopes asked for (openid, profile, email, offline_access). */
  oidc: string[];
  cloud: CloudId;
}

export interface CodeRecord {
  code: string;
  params: AuthorizeParams;
  grant: Grant;
  issuedAt: number;
  redeemed: boolean;
}

export interface RefreshRecord {
  token: string;
  grant: Grant;
  issuedAt: number;
  lastUsedAt: number;
  /** Monotonic issue number: revocation cuts at a number, not a time, so a frozen clock still works. */
  seq: number;
}

export interface AccessRecord {
  username: string;
  clientId: string;
  /** Lower-cased short Graph scope names, as in `scp`. */
  scopes: string[];
  expiresAt: number;
  cloud: CloudId;
}
