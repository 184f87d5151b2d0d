// Gathers the facts for every MS365 entry: HA's storage (data), the Core API (state), each token
// file as the integration would read it, and what the add-on keeps about the entry. A source that
// fails is reported beside the list instead of failing it.
import path from 'node:path';
import { AppError } from '../errors/app-error.js';
import type { ConfigEntriesApi, HaConfigEntry } from '../ha/config-entries.js';
import { describeHaFailure, HaError } from '../ha/ha-error.js';
import type { Store } from '../store/store.js';
import { isMs365Domain } from './domains.js';
import { readMs365Entries, type Ms365EntryConfig } from './entry-storage.js';
import { entryProblem } from './entry-usability.js';
import { assessEntry, type EntryStatus } from './entry-health.js';
import { findLink } from './linked-registration.js';
import { inspectTokenFile, unusableFile, type TokenFileFacts } from './token-file-inspect.js';
import { readTokenFile } from './token-file-store.js';
import { entityNameProblem, tokenFilePath } from './token-path.js';

export interface EntriesDeps {
  store: Store;
  now: () => Date;
  haConfigDir: string | undefined;
  /** Null in standalone mode: entries then come from the storage file alone. */
  configEntries: ConfigEntriesApi | null;
  haTimeoutMs: number;
}

const STORAGE_UNREADABLE = 'Home Assistant’s storage could not be read, so the add-on knows nothing of the entry’s credentials';

/** The token file as the integration would find it; null when the entry has no usable file name. */
export async function fileFacts(haConfigDir: string, config: Ms365EntryConfig): Promise<{ file: string; facts: TokenFileFacts } | null> {
  if (entityNameProblem(config.entityName)) return null;
  const file = tokenFilePath(haConfigDir, config.domain, config.entityName);
  const read = await readTokenFile(file);
  if (read.kind === 'missing') return { file, facts: unusableFile('missing') };
  if (read.kind === 'unreadable') return { file, facts: unusableFile('unreadable', read.reason) };
  if (read.kind === 'refused') return { file, facts: unusableFile('unreadable', refusedReason(read.error)) };
  // An unknown country only changes which Graph prefix is stripped from the scopes shown.
  return { file, facts: inspectTokenFile(read.text, config.cloud ?? 'global') };
}

/** What stands where the file should be, for the entry's card: the add-on does not open it. */
function refusedReason(error: AppError): string {
  const found = typeof error.details?.found === 'string' ? error.details.found : 'not a plain file';
  const where = typeof error.details?.folder === 'string' ? `${error.details.folder} is ${found}` : `it is ${found}`;
  return `${where}; the add-on never follows links there. Remove it and sign in again`;
}

async function coreEntries(deps: EntriesDeps): Promise<{ entries: HaConfigEntry[] | null; problem: string | null }> {
  if (!deps.configEntries) return { entries: null, problem: 'Home Assistant’s Core API is not available in standalone mode.' };
  try {
    return { entries: (await deps.configEntries.list()).filter((entry) => isMs365Domain(entry.domain)), problem: null };
  } catch (error) {
    return { entries: null, problem: error instanceof HaError ? describeHaFailure(error, deps.haTimeoutMs) : 'Home Assistant did not answer.' };
  }
}

async function storageEntries(deps: EntriesDeps): Promise<{ entries: Ms365EntryConfig[] | null; problem: string | null }> {
  try {
    return { entries: await readMs365Entries(deps.haConfigDir), problem: null };
  } catch (error) {
    if (error instanceof AppError) return { entries: null, problem: error.message };
    throw error;
  }
}

export async function statusOf(deps: EntriesDeps, config: Ms365EntryConfig, ha: HaConfigEntry | null): Promise<EntryStatus> {
  const found = deps.haConfigDir ? await fileFacts(deps.haConfigDir, config) : null;
  return assessEntry({
    config,
    ha,
    file: found && deps.haConfigDir ? { relativePath: path.relative(deps.haConfigDir, found.file), facts: found.facts } : null,
    usableProblem: entryProblem(config),
    link: findLink(deps.store, config.entryId),
    now: deps.now(),
  });
}

/** Every entry, and whether HA's storage and Core API could be read (a problem explains thin entries). */
export interface EntryList {
  entries: EntryStatus[];
  storage: { available: boolean; problem: string | null };
  coreApi: { available: boolean; problem: string | null };
}

export async function listEntries(deps: EntriesDeps): Promise<EntryList> {
  const [core, storage] = await Promise.all([coreEntries(deps), storageEntries(deps)]);
  const byId = new Map((core.entries ?? []).map((entry) => [entry.entryId, entry]));
  const statuses: EntryStatus[] = [];
  for (const config of storage.entries ?? []) statuses.push(await statusOf(deps, config, byId.get(config.entryId) ?? null));
  // Entries Core knows but the storage file did not give us (it could not be read): shown, never touched.
  const seen = new Set((storage.entries ?? []).map((entry) => entry.entryId));
  for (const ha of core.entries ?? []) {
    if (seen.has(ha.entryId)) continue;
    statuses.push(assessEntry({ config: null, ha, file: null, usableProblem: STORAGE_UNREADABLE, link: findLink(deps.store, ha.entryId), now: deps.now() }));
  }
  statuses.sort((a, b) => a.domain.localeCompare(b.domain) || a.title.localeCompare(b.title));
  return {
    entries: statuses,
    storage: { available: storage.entries !== null, problem: storage.problem },
    coreApi: { available: core.entries !== null, problem: core.problem },
  };
}

/** One entry's configuration, read fresh from HA's storage (secrets change there, not here). */
export async function findEntryConfig(deps: Pick<EntriesDeps, 'haConfigDir'>, entryId: string): Promise<Ms365EntryConfig> {
  const entry = (await readMs365Entries(deps.haConfigDir)).find((candidate) => candidate.entryId === entryId);
  if (!entry) throw new AppError('ms365_entry_not_found');
  return entry;
}

export async function findHaEntry(deps: EntriesDeps, entryId: string): Promise<HaConfigEntry | null> {
  const core = await coreEntries(deps);
  return core.entries?.find((entry) => entry.entryId === entryId) ?? null;
}
