// The shape of everything the encrypted store holds. Parsed with zod every time the file is opened,
// so a store written by a newer or damaged version is refused instead of half-read.
import * as z from 'zod';
import { CLOUD_IDS } from '../settings/clouds.js';
import { REDIRECT_METHODS } from '../../shared/redirect-methods.js';

export { REDIRECT_METHODS, type RedirectMethod } from '../../shared/redirect-methods.js';

export const appRegistrationSchema = z.object({
  id: z.string(),
  displayName: z.string(),
  cloud: z.enum(CLOUD_IDS),
  tenant: z.string(),
  clientId: z.string(),
  clientSecret: z.string(),
  secretExpiresOn: z.string().nullable(),
  redirectMethod: z.enum(REDIRECT_METHODS),
  /** Public https URL registered for the internet redirect; null means "derive it". */
  redirectUri: z.string().nullable(),
  /** `http://localhost:<port>` as registered for the localhost paste-back; null means plain `http://localhost`. */
  localhostRedirectUri: z.string().nullable().default(null),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** Set when Microsoft refused the app's credentials (for example an expired secret). */
  configurationProblem: z
    .object({ code: z.string(), aadsts: z.number().optional(), title: z.string(), fix: z.string(), since: z.string() })
    .nullable()
    .default(null),
});
export type AppRegistration = z.infer<typeof appRegistrationSchema>;

export const accountStatusSchema = z.enum(['ok', 'needs_sign_in']);

export const accountSchema = z.object({
  id: z.string(),
  appRegistrationId: z.string(),
  homeAccountId: z.string(),
  username: z.string(),
  displayName: z.string().nullable(),
  tenantId: z.string(),
  cloud: z.enum(CLOUD_IDS),
  grantedScopes: z.array(z.string()),
  requestedScopes: z.array(z.string()),
  /** msal-node's serialized token cache for this account alone. */
  msalCache: z.string(),
  status: accountStatusSchema,
  statusDetail: z
    .object({ code: z.string(), aadsts: z.number().optional(), title: z.string(), fix: z.string(), since: z.string() })
    .nullable()
    .default(null),
  signedInAt: z.string(),
  lastRefreshAt: z.string().nullable(),
  refreshTokenIssuedAt: z.string(),
});
export type Account = z.infer<typeof accountSchema>;

export const consumerSchema = z.object({
  id: z.string(),
  name: z.string(),
  /** SHA-256 of the key (see consumers/keys.ts); the key itself is shown once and never stored. */
  keyHash: z.string(),
  keyPrefix: z.string(),
  accountIds: z.array(z.string()),
  /** Empty means: any scope the account was granted. */
  allowedScopes: z.array(z.string()),
  rateLimitPerMinute: z.number().int().positive().default(600),
  createdAt: z.string(),
  revokedAt: z.string().nullable(),
  lastUsedAt: z.string().nullable().default(null),
});
export type Consumer = z.infer<typeof consumerSchema>;

/** What the add-on keeps about one MS365 integration entry of HA (server/ms365). */
export const ms365LinkSchema = z.object({
  entryId: z.string(),
  domain: z.string(),
  /** The app registration holding the entry's client ID and secret (created, or an identical one reused). */
  appRegistrationId: z.string().nullable().default(null),
  /** True when the add-on created that registration: it then follows the credentials HA stores. */
  ownsRegistration: z.boolean().default(false),
  accountId: z.string().nullable().default(null),
  keepAlive: z.boolean().default(false),
  keepAliveAfterDays: z.number().int().min(1).max(80).default(14),
  lastWrittenAt: z.string().nullable().default(null),
  lastKeepAlive: z
    .object({ at: z.string(), outcome: z.enum(['refreshed', 'not_due', 'skipped', 'failed']), detail: z.string().nullable() })
    .nullable()
    .default(null),
});
export type Ms365Link = z.infer<typeof ms365LinkSchema>;

/** A condition the add-on already alerted about (alerts/): each alerts once, across restarts too. */
export const alertRecordSchema = z.object({
  /** `<kind>:<subject id>`. */
  id: z.string(),
  kind: z.string(),
  subjectId: z.string(),
  /** For conditions that escalate (secret expiry): the level last alerted. */
  level: z.string().nullable(),
  raisedAt: z.string(),
  /** Whether Home Assistant accepted the notification; retried until it does. */
  delivered: z.boolean(),
});
export type AlertRecord = z.infer<typeof alertRecordSchema>;

export const storeDataSchema = z.object({
  version: z.literal(1),
  appRegistrations: z.array(appRegistrationSchema),
  accounts: z.array(accountSchema),
  consumers: z.array(consumerSchema),
  settings: z.record(z.string(), z.unknown()),
  ms365Links: z.array(ms365LinkSchema).default([]),
  alerts: z.array(alertRecordSchema).default([]),
});
export type StoreData = z.infer<typeof storeDataSchema>;

export function emptyStoreData(): StoreData {
  return { version: 1, appRegistrations: [], accounts: [], consumers: [], settings: {}, ms365Links: [], alerts: [] };
}
