// HA Core's config entries through the Supervisor's Core API proxy: list them (state, reason) and
// reload one (homeassistant/components/config/config_entries.py: GET /api/config/config_entries/entry,
// POST /api/config/config_entries/entry/<id>/reload; both admin-only, and the Supervisor's system
// user is an admin). The entries' data is not served here: see server/ms365/entry-storage.ts.
import * as z from 'zod';
import { HaError } from './ha-error.js';
import { requestJson, type SupervisorConnection } from './supervisor-http.js';

/** Core answers a reload only once the integration's setup ran, which may take a while (it calls Microsoft). */
export const RELOAD_TIMEOUT_MS = 60_000;

const entryJson = z
  .object({
    entry_id: z.string(),
    domain: z.string(),
    title: z.string().default(''),
    state: z.string().default('unknown'),
    disabled_by: z.string().nullish(),
    reason: z.string().nullish(),
  })
  .passthrough();

export interface HaConfigEntry {
  entryId: string;
  domain: string;
  title: string;
  /** ConfigEntryState: loaded, setup_error, setup_retry, not_loaded, migration_error, … */
  state: string;
  disabledBy: string | null;
  /** Why setup failed, when Core knows (ConfigEntry.reason). */
  reason: string | null;
}

export class ConfigEntriesApi {
  readonly #conn: SupervisorConnection;

  constructor(conn: SupervisorConnection) {
    this.#conn = conn;
  }

  /** Every config entry Core has; callers filter by domain (one call instead of one per domain). */
  async list(): Promise<HaConfigEntry[]> {
    const { body } = await requestJson(this.#conn, { path: '/core/api/config/config_entries/entry' });
    const parsed = z.array(z.unknown()).safeParse(body);
    if (!parsed.success) throw new HaError('bad_response', 'GET /core/api/config/config_entries/entry is not a list');
    const entries: HaConfigEntry[] = [];
    for (const item of parsed.data) {
      const entry = entryJson.safeParse(item);
      if (!entry.success) continue;
      const { entry_id, domain, title, state, disabled_by, reason } = entry.data;
      entries.push({ entryId: entry_id, domain, title, state, disabledBy: disabled_by ?? null, reason: reason ?? null });
    }
    return entries;
  }

  /** Unloads and sets the entry up again, as "Reload" in HA's UI does; Core answers once setup ran. */
  async reload(entryId: string): Promise<{ requireRestart: boolean }> {
    const conn = { ...this.#conn, timeoutMs: Math.max(this.#conn.timeoutMs, RELOAD_TIMEOUT_MS) };
    const { body } = await requestJson(conn, {
      method: 'POST',
      path: `/core/api/config/config_entries/entry/${encodeURIComponent(entryId)}/reload`,
    });
    const parsed = z.object({ require_restart: z.boolean().default(false) }).safeParse(body ?? {});
    return { requireRestart: parsed.success ? parsed.data.require_restart : false };
  }
}
