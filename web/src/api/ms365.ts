// The MS365 integrations page's calls: entries with their token health, sign-in again, keep-alive.
import { request } from './client.js';
import type { Ms365EntryView, Ms365ListView, Ms365RefreshView, Ms365SignInFinished, Ms365SignInStarted } from '../../../server/http/contract/ms365.js';
import type { RedirectMethod } from './types.js';

export type { Ms365EntryView, Ms365ListView, Ms365SignInFinished, Ms365SignInStarted };

const entryPath = (entryId: string, rest = '') => `api/ms365/entries/${encodeURIComponent(entryId)}${rest}`;

export const fetchMs365Entries = (signal?: AbortSignal) => request<Ms365ListView>('api/ms365/entries', { signal });

export const startEntrySignIn = (entryId: string, method: RedirectMethod) =>
  request<Ms365SignInStarted>(entryPath(entryId, '/sign-ins'), { method: 'POST', json: { method } });

export const finishEntrySignInByPaste = (entryId: string, url: string) =>
  request<Ms365SignInFinished>(entryPath(entryId, '/sign-ins/paste'), { method: 'POST', json: { url } });

export const finishEntrySignIn = (entryId: string, state: string) =>
  request<Ms365SignInFinished>(entryPath(entryId, '/sign-ins/finish'), { method: 'POST', json: { state } });

export const setEntryKeepAlive = (entryId: string, enabled: boolean, afterDays: number) =>
  request<Ms365EntryView>(entryPath(entryId, '/keep-alive'), { method: 'PUT', json: { enabled, after_days: afterDays } });

export const refreshEntryNow = (entryId: string) =>
  request<Ms365RefreshView>(entryPath(entryId, '/refresh'), { method: 'POST' });
