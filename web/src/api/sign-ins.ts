// Sign-ins: start one, finish it by paste-back, poll it while the internet redirect runs.
import { request } from './client.js';
import type { StartSignInRequest } from '../../../server/http/contract/ui.js';
import type { SignInResult, SignInStatus, StartedSignIn } from './types.js';

export const startSignIn = (input: StartSignInRequest) =>
  request<StartedSignIn>('api/sign-ins', { method: 'POST', json: input });

export const finishPastedSignIn = (url: string) => request<SignInResult>('api/sign-ins/paste', { method: 'POST', json: { url } });

export const fetchSignInStatus = (state: string, signal?: AbortSignal) =>
  request<SignInStatus>(`api/sign-ins/${encodeURIComponent(state)}`, { signal });
