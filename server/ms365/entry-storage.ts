// Reads the MS365 config entries from HA's own storage file (<HA config>/.storage/core.config_entries):
// the Core API lists entries but never their data (client id, cloud, tenant, options). Read-only:
// this module never writes HA's storage, and the client secret it reads stays on the server.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import * as z from 'zod';
import { AppError } from '../errors/app-error.js';
import type { CloudId } from '../settings/clouds.js';
import { COUNTRY_CLOUDS, isMs365Domain, type Ms365Domain } from './domains.js';

export const CONFIG_ENTRIES_FILE = ['.storage', 'core.config_entries'] as const;

const storedEntry = z
  .object({
    entry_id: z.string().min(1),
    domain: z.string(),
    title: z.string().default(''),
    data: z.record(z.string(), z.unknown()).default({}),
    options: z.record(z.string(), z.unknown()).default({}),
    disabled_by: z.string().nullable().default(null),
    version: z.number().default(1),
  })
  .passthrough();

const storageFile = z.object({
  key: z.literal('core.config_entries'),
  data: z.object({ entries: z.array(z.unknown()) }),
});

/** One MS365 entry as HA stores it, with the fields that decide its sign-in. */
export interface Ms365EntryConfig {
  entryId: string;
  domain: Ms365Domain;
  title: string;
  disabledBy: string | null;
  version: number;
  /** `data.entity_name`: the "uniquely identifying name", part of the token file name. */
  entityName: string | null;
  clientId: string | null;
  /** Server-side only: never put into a view, a log line or an error. */
  clientSecret: string | null;
  /** `api_options.country` as stored, and the cloud it means (null: a value we do not know). */
  country: string;
  cloud: CloudId | null;
  /** `api_options.tenant_id`, or `common` when blank (helpers/utils.get_tenant_id). */
  tenant: string;
  /** The entry's data without the client secret: the options that decide its permissions. */
  data: Record<string, unknown>;
}

const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);

export function toEntryConfig(raw: z.infer<typeof storedEntry>): Ms365EntryConfig | null {
  if (!isMs365Domain(raw.domain)) return null;
  const { client_secret: secret, ...data } = raw.data;
  const api = (typeof data.api_options === 'object' && data.api_options !== null ? data.api_options : {}) as Record<string, unknown>;
  const country = text(api.country) ?? 'Default';
  const tenant = text(api.tenant_id)?.trim() ?? '';
  return {
    entryId: raw.entry_id,
    domain: raw.domain,
    title: raw.title,
    disabledBy: raw.disabled_by,
    version: raw.version,
    entityName: text(data.entity_name),
    clientId: text(data.client_id)?.trim() ?? null,
    clientSecret: text(secret)?.trim() ?? null,
    country,
    cloud: COUNTRY_CLOUDS[country] ?? null,
    tenant: tenant === '' ? 'common' : tenant,
    data,
  };
}

/** Parses the storage file's text; entries of other domains are left out. */
export function parseConfigEntries(json: string): Ms365EntryConfig[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch (error) {
    throw unreadable('it is not valid JSON', error);
  }
  const file = storageFile.safeParse(parsed);
  if (!file.success) throw unreadable('it is not a config-entry store');
  const entries: Ms365EntryConfig[] = [];
  for (const item of file.data.data.entries) {
    const entry = storedEntry.safeParse(item);
    if (!entry.success) continue; // another integration's odd entry must not hide the MS365 ones
    const config = toEntryConfig(entry.data);
    if (config) entries.push(config);
  }
  return entries;
}

/** Every MS365 entry in HA's storage. Throws an AppError when the file cannot be used. */
export async function readMs365Entries(haConfigDir: string | undefined): Promise<Ms365EntryConfig[]> {
  if (!haConfigDir) throw new AppError('ha_config_folder_unset');
  const file = path.join(haConfigDir, ...CONFIG_ENTRIES_FILE);
  let json: string;
  try {
    json = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    throw unreadable(code === 'ENOENT' ? 'the file does not exist' : `the file cannot be read (${code})`, error);
  }
  return parseConfigEntries(json);
}

function unreadable(reason: string, cause?: unknown): AppError {
  return new AppError('ha_storage_unreadable', {
    message: `Home Assistant’s config-entry storage (.storage/core.config_entries) could not be used: ${reason}.`,
    details: { reason },
    cause,
  });
}
