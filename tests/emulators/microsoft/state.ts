// Everything the emulator remembers: registrations, users, pending sign-ins, codes, tokens, faults
// and counters. Plain data with small mutators; the HTTP handlers hold the protocol logic.
import { ACCESS_TOKEN_LIFETIME_S } from './tokens.js';
import { guid, hex } from './ids.js';
import type {
  AccessRecord,
  App,
  AppInput,
  CodeRecord,
  FaultSpec,
  PendingFlow,
  RefreshRecord,
  User,
  UserInput,
} from './model.js';

/** The consumer (personal Microsoft account) tenant, fixed by Microsoft. */
export const CONSUMER_TENANT_ID = '9188040d-6c67-4c5b-b112-36a304b66dad';
/** Contoso's tenant in the emulator; default home of work users and apps. */
export const DEFAULT_TENANT_ID = '3b8c0f6e-2d4a-4c1e-9f7b-5a6d8e2c1b47';

export const DEFAULT_WORK_USER: User = {
  username: 'adele@contoso.onmicrosoft.com',
  name: 'Adele Vance',
  oid: '4f1c9d2a-7e3b-4a68-b5c2-9d8e7f6a5b43',
  tid: DEFAULT_TENANT_ID,
  personal: false,
};

export const DEFAULT_PERSONAL_USER: User = {
  username: 'megan@outlook.com',
  name: 'Megan Bowen',
  oid: '00000000-0000-0000-5d2e-8a41c3f7b9e6',
  tid: CONSUMER_TENANT_ID,
  personal: true,
};

export interface EmulatorStats {
  /** Token requests per grant_type, e.g. `{ authorization_code: 1, refresh_token: 2 }`. */
  tokenRequests: Record<string, number>;
  authorizeRequests: number;
  graphRequests: number;
  /** Form fields of the last token request, client_secret replaced by `[REDACTED]`. */
  lastTokenRequest: { tenant: string; form: Record<string, string> } | undefined;
  /** Bugs in the emulator itself surface here rather than on a console. */
  internalErrors: string[];
}

export const REDACTED = '[REDACTED]';

const freshStats = (): EmulatorStats => ({
  tokenRequests: { authorization_code: 0, refresh_token: 0 },
  authorizeRequests: 0,
  graphRequests: 0,
  lastTokenRequest: undefined,
  internalErrors: [],
});

export class EmulatorState {
  apps = new Map<string, App>();
  users = new Map<string, User>();
  flows = new Map<string, PendingFlow>();
  codes = new Map<string, CodeRecord>();
  refreshTokens = new Map<string, RefreshRecord>();
  accessTokens = new Map<string, AccessRecord>();
  faults: Array<FaultSpec & { remaining: number }> = [];
  withheld: string[] = [];
  /** Seconds an access token lives; tests shorten it to make msal refresh (it renews 300 s early). */
  accessTokenLifetimeS = ACCESS_TOKEN_LIFETIME_S;
  /**
   * `ext_expires_in`, the lifetime Entra's resilience features may stretch a token to; Microsoft
   * usually sends the same number as `expires_in`, which null stands for.
   */
  accessTokenExtendedLifetimeS: number | null = null;
  /** Per lower-cased username: refresh tokens with seq at or below this are revoked. */
  revokedUpTo = new Map<string, number>();
  stats: EmulatorStats = freshStats();
  private seq = 0;

  constructor(readonly now: () => number) {
    this.reset();
  }

  reset(): void {
    for (const store of [this.apps, this.users, this.flows, this.codes, this.refreshTokens, this.accessTokens]) store.clear();
    this.revokedUpTo.clear();
    this.faults = [];
    this.withheld = [];
    this.accessTokenLifetimeS = ACCESS_TOKEN_LIFETIME_S;
    this.accessTokenExtendedLifetimeS = null;
    this.stats = freshStats();
    this.users.set(DEFAULT_WORK_USER.username, { ...DEFAULT_WORK_USER });
    this.users.set(DEFAULT_PERSONAL_USER.username, { ...DEFAULT_PERSONAL_USER });
  }

  nextSeq(): number {
    return ++this.seq;
  }

  registerApp(input: AppInput): App {
    if (!input.clientId) throw new Error('registerApp: clientId is required');
    const app: App = {
      clientId: input.clientId.toLowerCase(),
      tenantId: (input.tenantId ?? DEFAULT_TENANT_ID).toLowerCase(),
      signInAudience: input.signInAudience ?? 'multi_and_personal',
      secrets: (input.secrets ?? []).map((s) => ({ value: s.value, id: s.id, expiresAt: toMs(s.expiresAt) })),
      redirectUris: [...(input.redirectUris ?? [])],
      displayName: input.displayName ?? 'Home Assistant',
      permissions: input.permissions ?? ['User.Read'],
    };
    this.apps.set(app.clientId, app);
    return app;
  }

  addUser(input: UserInput): User {
    if (!input.username) throw new Error('addUser: username is required');
    const personal = input.personal ?? false;
    const user: User = {
      username: input.username,
      name: input.name ?? input.username,
      personal,
      tid: (input.tid ?? (personal ? CONSUMER_TENANT_ID : DEFAULT_TENANT_ID)).toLowerCase(),
      // Personal-account object ids embed the 64-bit account id after sixteen zeros.
      oid: (input.oid ?? (personal ? `00000000-0000-0000-${hex(2)}-${hex(6)}` : guid())).toLowerCase(),
      ...(input.sharedWith ? { sharedWith: input.sharedWith.map((name) => name.toLowerCase()) } : {}),
      ...(input.todo !== undefined ? { todo: input.todo } : {}),
    };
    this.users.set(user.username.toLowerCase(), user);
    return user;
  }

  findUser(username: string): User | undefined {
    return this.users.get(username.trim().toLowerCase());
  }

  findApp(clientId: string | undefined): App | undefined {
    return clientId ? this.apps.get(clientId.toLowerCase()) : undefined;
  }

  revoke(username?: string): void {
    const cut = this.nextSeq();
    const targets = username ? [username] : [...this.users.keys()];
    for (const name of targets) this.revokedUpTo.set(name.toLowerCase(), cut);
  }

  /**
   * The user (My Apps → the app → revoke) or an admin (deleting the delegated permission grant) takes
   * back consent for some Graph permissions: every grant of that user loses them, so a refresh that
   * asks for one fails with AADSTS65001 (see grants.ts), while the others keep working.
   */
  revokeConsent(scopes: string[], username?: string): void {
    const gone = new Set(scopes.map((scope) => scope.slice(scope.lastIndexOf('/') + 1).toLowerCase()));
    const mine = (grant: { username: string }) => !username || grant.username.toLowerCase() === username.toLowerCase();
    const grants = [...this.refreshTokens.values()].map((record) => record.grant).concat([...this.codes.values()].map((record) => record.grant));
    for (const grant of new Set(grants)) {
      if (mine(grant)) grant.granted = grant.granted.filter((scope) => !gone.has(scope.slice(scope.lastIndexOf('/') + 1).toLowerCase()));
    }
  }

  isRevoked(record: RefreshRecord): boolean {
    return record.seq <= (this.revokedUpTo.get(record.grant.username.toLowerCase()) ?? 0);
  }
}

function toMs(value: string | number | Date | undefined): number | undefined {
  if (value === undefined) return undefined;
  const ms = value instanceof Date ? value.getTime() : typeof value === 'number' ? value : Date.parse(value);
  if (Number.isNaN(ms)) throw new Error(`registerApp: secret expiresAt is not a date: ${String(value)}`);
  return ms;
}
