// The emulated Core's config entries: kept in <config>/.storage/core.config_entries in HA's own
// format, listed by GET /api/config/config_entries/entry (no data, as Core's entry_json), reloaded by
// POST /api/config/config_entries/entry/<id>/reload, which runs the integration's setup again.
// The setup check is pluggable: tests can run the integrations' real reader there (tests/python).
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { HaCore } from './core.js';

export type EntryState = 'loaded' | 'setup_error' | 'setup_retry' | 'not_loaded' | 'migration_error';

export interface EmulatedEntry {
  entry_id: string;
  domain: string;
  title: string;
  data: Record<string, unknown>;
  options: Record<string, unknown>;
  disabled_by: string | null;
  version: number;
  state: EntryState;
  reason: string | null;
  created_at: string;
}

export interface EntryInput {
  domain: string;
  data: Record<string, unknown>;
  title?: string;
  options?: Record<string, unknown>;
  entryId?: string;
  state?: EntryState;
  disabledBy?: string | null;
}

/** What async_setup_entry decided: the state Core then reports. */
export type SetupCheck = (entry: EmulatedEntry, configDir: string) => Promise<{ state: EntryState; reason: string | null }>;

/**
 * The MS365 integrations' setup, reduced to what decides it (§3.6): the token file must exist, be
 * JSON in MSAL's format with an account and a refresh token. Tests wanting the real reader pass
 * their own check.
 */
export const tokenFileSetupCheck: SetupCheck = async (entry, configDir) => {
  const name = `${entry.domain}_${String(entry.data.entity_name)}.token`;
  const file = path.join(configDir, 'ms365_storage', '.MS365-token-cache', name);
  let parsed: Record<string, Record<string, Record<string, unknown>>>;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8')) as typeof parsed;
  } catch {
    // Missing or not JSON: async_setup_entry raises a repair and returns False; Core keeps no reason.
    return { state: 'setup_error', reason: null };
  }
  const account = Object.values(parsed.Account ?? {})[0];
  const rt = Object.values(parsed.RefreshToken ?? {})[0];
  const ok = Boolean(account?.authority_type) && Boolean(rt?.secret) && Boolean(rt?.target);
  return { state: ok ? 'loaded' : 'setup_error', reason: null };
};

export class EmulatedConfigEntries {
  readonly entries: EmulatedEntry[] = [];
  /** Entry ids in the order Core was asked to reload them. */
  readonly reloads: string[] = [];
  setupCheck: SetupCheck = tokenFileSetupCheck;
  readonly #core: HaCore;

  constructor(core: HaCore) {
    this.#core = core;
    core.apiRoutes.push((method, pathname) => this.#route(method, pathname));
    this.writeStorage();
  }

  get storageFile(): string {
    return path.join(this.#core.configDir, '.storage', 'core.config_entries');
  }

  add(input: EntryInput): EmulatedEntry {
    const entry: EmulatedEntry = {
      entry_id: input.entryId ?? randomBytes(13).toString('hex').toUpperCase().slice(0, 26),
      domain: input.domain,
      title: input.title ?? String(input.data.entity_name ?? input.domain),
      data: input.data,
      options: input.options ?? {},
      disabled_by: input.disabledBy ?? null,
      version: 2,
      state: input.state ?? 'not_loaded',
      reason: null,
      created_at: new Date().toISOString(),
    };
    this.entries.push(entry);
    this.writeStorage();
    return entry;
  }

  find(entryId: string): EmulatedEntry | undefined {
    return this.entries.find((entry) => entry.entry_id === entryId);
  }

  /** Runs the setup check for an entry, as Core does at start and on reload. */
  async setUp(entry: EmulatedEntry): Promise<void> {
    const result = entry.disabled_by ? { state: 'not_loaded' as const, reason: null } : await this.setupCheck(entry, this.#core.configDir);
    entry.state = result.state;
    entry.reason = result.reason;
  }

  /** HA's storage file (homeassistant/config_entries.py ConfigEntries._data_to_save). */
  writeStorage(): void {
    mkdirSync(path.dirname(this.storageFile), { recursive: true });
    const data = {
      version: 1,
      minor_version: 5,
      key: 'core.config_entries',
      data: {
        entries: this.entries.map((entry) => ({
          created_at: entry.created_at,
          data: entry.data,
          discovery_keys: {},
          disabled_by: entry.disabled_by,
          domain: entry.domain,
          entry_id: entry.entry_id,
          minor_version: 0,
          modified_at: entry.created_at,
          options: entry.options,
          pref_disable_new_entities: false,
          pref_disable_polling: false,
          source: 'user',
          subentries: [],
          title: entry.title,
          unique_id: null,
          version: entry.version,
        })),
      },
    };
    writeFileSync(this.storageFile, JSON.stringify(data, null, 2));
  }

  /** Core's entry_json: what the REST list shows, never the data or the options. */
  #json(entry: EmulatedEntry): Record<string, unknown> {
    return {
      entry_id: entry.entry_id,
      domain: entry.domain,
      title: entry.title,
      source: 'user',
      state: entry.state,
      supports_options: true,
      supports_remove_device: false,
      supports_unload: true,
      supports_reconfigure: true,
      pref_disable_new_entities: false,
      pref_disable_polling: false,
      disabled_by: entry.disabled_by,
      reason: entry.reason,
      error_reason_translation_key: null,
      error_reason_translation_placeholders: null,
      num_subentries: 0,
      created_at: Date.parse(entry.created_at) / 1000,
      modified_at: Date.parse(entry.created_at) / 1000,
    };
  }

  async #route(method: string, pathname: string): Promise<{ status: number; body: unknown } | undefined> {
    if (method === 'GET' && pathname === '/config/config_entries/entry') return { status: 200, body: this.entries.map((entry) => this.#json(entry)) };
    const reload = /^\/config\/config_entries\/entry\/([^/]+)\/reload$/.exec(pathname);
    if (method !== 'POST' || !reload) return undefined;
    const entry = this.find(decodeURIComponent(reload[1]!));
    if (!entry) return { status: 404, body: { message: 'Invalid entry specified' } };
    this.reloads.push(entry.entry_id);
    await this.setUp(entry);
    return { status: 200, body: { require_restart: false } };
  }
}
