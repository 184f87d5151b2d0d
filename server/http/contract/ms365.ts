// Wire shapes of the MS365 integrations routes (/api/ms365/...). Never carries a client secret or a token.
import * as z from 'zod';
import type { EntryHealth } from '../../../shared/ms365-entry-health.js';
import { REDIRECT_METHODS } from '../../../shared/redirect-methods.js';
import type { StartedSignIn } from './sign-ins.js';

export type { EntryHealth };

export const entryParams = z.object({ entryId: z.string().min(1).max(100) });
export const ms365SignInBody = z.object({ method: z.enum(REDIRECT_METHODS).default('paste_back') });
export const ms365FinishBody = z.object({ state: z.string().min(1).max(200) });
export const ms365PasteBody = z.object({ url: z.string().max(20_000) });
export const keepAliveBody = z.object({
  enabled: z.boolean(),
  after_days: z.number().int().min(1).max(80).optional(),
});

export interface Ms365EntryView {
  entry_id: string;
  domain: string;
  domain_label: string;
  title: string;
  entity_name: string | null;
  client_id: string | null;
  cloud: string | null;
  country: string | null;
  tenant: string | null;
  /** False: the add-on shows the entry but never signs it in, refreshes or writes its file. */
  usable: boolean;
  not_usable_reason: string | null;
  health: EntryHealth;
  /** Plain sentences, most important first, saying what is wrong and what to do. */
  notes: string[];
  ha: { state: string | null; reason: string | null; disabled_by: string | null };
  token_file: {
    /** Relative to HA's config folder. */
    path: string | null;
    state: string;
    reason: string | null;
    username: string | null;
    client_id_matches: boolean | null;
    refresh_token_written_at: string | null;
    refresh_token_age_days: number | null;
    /** Days left in the refresh token's 90-day window if nothing refreshes it. */
    refresh_token_days_left: number | null;
    last_refresh_at: string | null;
    access_token_expires_at: string | null;
  };
  permissions: { needed: string[]; granted: string[] | null; missing: string[]; problems: string[] };
  keep_alive: {
    enabled: boolean;
    after_days: number;
    last: { at: string; outcome: string; detail: string | null } | null;
  };
  /** The app registration the add-on signs this entry in with, once it has one. */
  app_registration_id: string | null;
  /** The add-on's account the entry's token file was last written from, once it has one. */
  account_id: string | null;
  last_written_at: string | null;
}

export interface Ms365ListView {
  entries: Ms365EntryView[];
  /** Where the entries' data comes from; a problem here explains entries without details. */
  storage: { available: boolean; problem: string | null };
  /** Whether HA Core answered with the entries' states (never in standalone mode). */
  core_api: { available: boolean; problem: string | null };
}

export interface Ms365SignInStarted extends StartedSignIn {
  entry_id: string;
  scopes: string[];
}

export interface Ms365SignInFinished {
  entry: Ms365EntryView;
  username: string;
  /** The previous file's copy beside it, relative to HA's config folder; null when there was none. */
  backup: string | null;
  reload: { requested: boolean; ok: boolean; problem: string | null };
  /** The entry's account was hinted to Microsoft, and another one came back (its tokens are in the file now). */
  different_account?: { expected_account_id: string; expected_username: string };
}

/** POST /api/ms365/entries/:entryId/refresh: how the keep-alive pass went, and the entry after it. */
export interface Ms365RefreshView {
  outcome: { at: string; outcome: string; detail: string | null };
  entry: Ms365EntryView;
}
