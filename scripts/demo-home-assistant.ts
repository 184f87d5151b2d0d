// The demo's Home Assistant: the emulated Supervisor, Core API and HA site (tests/emulators/
// home-assistant) with four MS365 integration entries, one for each state the MS365 page explains:
// healthy, token file missing, a permission missing, and one the add-on cannot use.
import { EmulatedConfigEntries, type EmulatedEntry } from '../tests/emulators/home-assistant/config-entries.js';
import { startHomeAssistantEmulator, type HomeAssistantEmulator } from '../tests/emulators/home-assistant/index.js';
import type { IngressProxy } from '../tests/emulators/home-assistant/ingress-proxy.js';
import { signInWithFetch, type MicrosoftEmulator } from '../tests/emulators/microsoft/index.js';

/** The app registration the MS365 integrations were set up with (typed into HA's config flow). */
const MS365_APP = {
  clientId: '22222222-3333-4444-5555-666666666666',
  secret: 'demo~ms365.Value_ABCDEFabcdef0123456789',
  secretId: '77777777-6666-5555-4444-333333333333',
};
const NATIVECLIENT = 'https://login.microsoftonline.com/common/oauth2/nativeclient';

export interface DemoHomeAssistant {
  ha: HomeAssistantEmulator;
  /** Set once the add-on listens: the HA site with the add-on's panel. */
  site: IngressProxy | null;
  entries: EmulatedConfigEntries;
  openSite(addonUiUrl: string): Promise<IngressProxy>;
  /** Signs the healthy entries in through the add-on (as a user would) and breaks the others. */
  seedEntries(): Promise<void>;
  close(): Promise<void>;
}

/** An entry's data as the MS365 config flow stores it (ms365-integrations.md §2.4). */
function entryData(entity: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    entity_name: entity,
    client_id: MS365_APP.clientId,
    client_secret: MS365_APP.secret,
    alt_auth_method: false,
    api_options: { country: 'Default', tenant_id: '' },
    ...extra,
  };
}

export async function startDemoHomeAssistant(microsoft: MicrosoftEmulator, sitePort: number): Promise<DemoHomeAssistant> {
  microsoft.registerApp({
    clientId: MS365_APP.clientId,
    displayName: 'Home Assistant MS365 (integrations)',
    secrets: [{ value: MS365_APP.secret, id: MS365_APP.secretId }],
    redirectUris: [NATIVECLIENT],
  });
  // localhost: an http site Microsoft (and the emulator) accept as a redirect origin.
  const ha = await startHomeAssistantEmulator({ siteHost: 'localhost', sitePort });
  const entries = new EmulatedConfigEntries(ha.core);
  // Fixed ids, so the add-on's memory of them (data-demo) still matches after a restart.
  const healthy = entries.add({ domain: 'ms365_calendar', entryId: 'DEMOCALENDARHEALTHY0000001', title: 'Family calendar', data: entryData('family') });
  entries.add({ domain: 'ms365_todo', entryId: 'DEMOTODOMISSINGFILE0000002', title: 'Shopping lists', data: entryData('shopping') });
  const missingPermission = entries.add({ domain: 'ms365_mail', entryId: 'DEMOMAILMISSINGPERM0000003', title: 'Household mail', data: entryData('household') });
  // The user pasted the Secret ID into HA's config flow: the add-on shows the entry but leaves it alone.
  entries.add({ domain: 'ms365_contacts', entryId: 'DEMOCONTACTSNOTUSABLE00004', title: 'Work contacts', data: { ...entryData('work'), client_secret: MS365_APP.secretId } });

  const demo: DemoHomeAssistant = {
    ha,
    site: null,
    entries,
    openSite: async (addonUiUrl) => (demo.site = await ha.startSite({ target: addonUiUrl })),
    seedEntries: async () => {
      const ingress = await ingressClient(demo.site!);
      for (const entry of [healthy, missingPermission]) await signInEntry(ingress, entry);
      // The mail entry gains auto-reply after its sign-in: the token lacks MailboxSettings.ReadWrite (§2.3).
      missingPermission.data = { ...missingPermission.data, enable_autoreply: true };
      entries.writeStorage();
      for (const entry of entries.entries) await entries.setUp(entry);
    },
    close: async () => {
      await ha.close();
    },
  };
  return demo;
}

type Ingress = (pathname: string, init?: { method?: string; json?: unknown }) => Promise<Response>;

/** Requests through the HA site as a browser's would: the panel page first, for the ingress cookie. */
async function ingressClient(site: IngressProxy): Promise<Ingress> {
  const panel = await fetch(site.panelUrl);
  await panel.text();
  const cookie = (panel.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  return (pathname, init = {}) =>
    fetch(`${site.origin}${site.ingressPath}${pathname}`, {
      method: init.method ?? 'GET',
      headers: { cookie, ...(init.json !== undefined ? { 'content-type': 'application/json' } : {}) },
      ...(init.json !== undefined ? { body: JSON.stringify(init.json) } : {}),
    });
}

/** The MS365 page's "Sign in again" by paste-back, with Microsoft's pages walked by fetch. */
async function signInEntry(ingress: Ingress, entry: EmulatedEntry): Promise<void> {
  const started = await ingress(`/api/ms365/entries/${entry.entry_id}/sign-ins`, { method: 'POST', json: { method: 'paste_back' } });
  if (started.status !== 201) throw new Error(`demo: starting the sign-in of ${entry.title} failed: ${started.status} ${await started.text()}`);
  const { authorize_url } = (await started.json()) as { authorize_url: string };
  const landed = await signInWithFetch(authorize_url);
  if (!landed.location) throw new Error(`demo: the emulated sign-in of ${entry.title} ended on a page (${landed.status})`);
  const finished = await ingress(`/api/ms365/entries/${entry.entry_id}/sign-ins/paste`, { method: 'POST', json: { url: landed.location } });
  if (finished.status !== 200) throw new Error(`demo: finishing the sign-in of ${entry.title} failed: ${finished.status} ${await finished.text()}`);
}
