// Sign-ins: start one, finish it by paste-back, poll it while the internet redirect runs.
import { request } from './client.js';
import type { RedirectMethod, SignInResult, SignInStatus, StartedSignIn } from './types.js';

export const startSignIn = (input: { app_registration_id: string; scopes: string[]; method: RedirectMethod; account_id?: string }) =>
  request<StartedSignIn>('api/sign-ins', { method: 'POST', json: input });

export const finishPastedSignIn = (url: string) => request<SignInResult>('api/sign-ins/paste', { method: 'POST', json: { url } });

export const fetchSignInStatus = (state: string, signal?: AbortSignal) =>
  request<SignInStatus>(`api/sign-ins/${encodeURIComponent(state)}`, { signal });
