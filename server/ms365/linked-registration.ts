// The add-on's side of an entry: an app registration carrying the entry's client ID and secret (an
// identical one the user already saved is reused; otherwise one is created and kept in step with
// what HA stores), and the add-on account holding the entry's tokens. Both live in the store.
import { saveSignedInAccount } from '../accounts/accounts.js';
import { createAppRegistration, updateAppRegistration } from '../registrations/app-registrations.js';
import type { AppRegistration, Ms365Link } from '../store/schema.js';
import type { Store } from '../store/store.js';
import { DOMAIN_LABELS } from './domains.js';
import type { Ms365EntryConfig } from './entry-storage.js';
import { assertUsable } from './entry-usability.js';
import type { ImportedAccount } from './token-cache-import.js';

export interface LinkDeps {
  store: Store;
  now: () => Date;
}

export function findLink(store: Store, entryId: string): Ms365Link | undefined {
  return store.data.ms365Links.find((link) => link.entryId === entryId);
}

export async function updateLink(store: Store, entry: Pick<Ms365EntryConfig, 'entryId' | 'domain'>, patch: Partial<Ms365Link>): Promise<Ms365Link> {
  return store.update((draft) => {
    let link = draft.ms365Links.find((candidate) => candidate.entryId === entry.entryId);
    if (!link) {
      link = {
        entryId: entry.entryId,
        domain: entry.domain,
        appRegistrationId: null,
        ownsRegistration: false,
        accountId: null,
        keepAlive: false,
        keepAliveAfterDays: 14,
        lastWrittenAt: null,
        lastKeepAlive: null,
      };
      draft.ms365Links.push(link);
    }
    Object.assign(link, patch);
    return structuredClone(link);
  });
}

const sameRegistration = (app: AppRegistration, entry: Ms365EntryConfig): boolean =>
  app.clientId === entry.clientId?.toLowerCase() && app.cloud === entry.cloud && app.tenant === entry.tenant.toLowerCase() && app.clientSecret === entry.clientSecret;

/** The registration to sign the entry in with, created or brought in line with HA's credentials. */
export async function ensureRegistration(deps: LinkDeps, entry: Ms365EntryConfig): Promise<AppRegistration> {
  assertUsable(entry);
  const link = findLink(deps.store, entry.entryId);
  const linked = link?.appRegistrationId ? deps.store.data.appRegistrations.find((app) => app.id === link.appRegistrationId) : undefined;
  if (linked && sameRegistration(linked, entry)) return linked;
  if (linked && link?.ownsRegistration) {
    // The user changed the secret (or tenant, cloud) in HA: the add-on follows, as the integration will.
    return updateAppRegistration(deps, linked.id, { clientId: entry.clientId, clientSecret: entry.clientSecret, cloud: entry.cloud, tenant: entry.tenant });
  }
  const reusable = deps.store.data.appRegistrations.find((app) => sameRegistration(app, entry));
  if (reusable) {
    await updateLink(deps.store, entry, { appRegistrationId: reusable.id, ownsRegistration: false });
    return reusable;
  }
  const created = await createAppRegistration(deps, {
    displayName: `${DOMAIN_LABELS[entry.domain]} “${entry.entityName}” (Home Assistant)`.slice(0, 100),
    cloud: entry.cloud,
    tenant: entry.tenant,
    clientId: entry.clientId,
    clientSecret: entry.clientSecret,
    redirectMethod: 'paste_back',
  });
  await updateLink(deps.store, entry, { appRegistrationId: created.id, ownsRegistration: true, accountId: null });
  return created;
}

/** Saves (or replaces) the add-on account for the tokens of an entry's file; returns its id. */
export async function saveImportedAccount(
  deps: LinkDeps,
  entry: Ms365EntryConfig,
  app: AppRegistration,
  imported: ImportedAccount,
  requestedScopes: string[],
): Promise<string> {
  const account = await saveSignedInAccount(
    deps.store,
    {
      appRegistrationId: app.id,
      homeAccountId: imported.homeAccountId,
      username: imported.username,
      displayName: imported.name,
      tenantId: imported.tenantId,
      cloud: app.cloud,
      grantedScopes: imported.target.split(/\s+/).filter(Boolean).map((scope) => scope.replace(/^https:\/\/[^/]+\//, '')),
      requestedScopes,
      msalCache: imported.nodeCache,
    },
    deps.now(),
  );
  await updateLink(deps.store, entry, { accountId: account.id });
  return account.id;
}
