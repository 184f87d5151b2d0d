// Wire shapes of the UI API's request bodies and parameters.
import * as z from 'zod';
import { REDIRECT_METHODS } from '../../../shared/redirect-methods.js';

export const idParams = z.object({ id: z.string().min(1).max(100) });
export const stateParams = z.object({ state: z.string().min(1).max(200) });

export const startSignInBody = z.object({
  app_registration_id: z.string().min(1).max(100),
  scopes: z.array(z.string().max(200)).max(100).default([]),
  method: z.enum(REDIRECT_METHODS).optional(),
  /** "Sign in again" for this account: Microsoft is told who, and a different account is reported. */
  account_id: z.string().min(1).max(100).optional(),
});
export type StartSignInRequest = z.input<typeof startSignInBody>;

export const pasteBody = z.object({ url: z.string().max(20_000) });

export const callbackQuery = z.object({
  code: z.string().max(8000).optional(),
  state: z.string().max(500).optional(),
  error: z.string().max(200).optional(),
  error_description: z.string().max(4000).optional(),
  error_subcode: z.string().max(200).optional(),
});

const consumerName = z.string().trim().min(1, 'Give the consumer a name.').max(100);
const consumerAccountIds = z.array(z.string().max(100)).max(100);
const consumerScopes = z.array(z.string().max(200)).max(100);
const consumerRate = z.number().int().min(1).max(100_000);

export const consumerBody = z.object({
  name: consumerName,
  account_ids: consumerAccountIds.default([]),
  allowed_scopes: consumerScopes.default([]),
  rate_limit_per_minute: consumerRate.optional(),
});
export type ConsumerRequest = z.input<typeof consumerBody>;

/** PATCH /api/consumers/:id: the same checks as creating one; a field left out stays as it is. */
export const consumerChangeBody = z.strictObject({
  name: consumerName.optional(),
  account_ids: consumerAccountIds.optional(),
  allowed_scopes: consumerScopes.optional(),
  rate_limit_per_minute: consumerRate.optional(),
});
export type ConsumerChangeRequest = z.input<typeof consumerChangeBody>;
