// Wire shapes of the consumer API (other add-ons asking for tokens).
import { z } from 'zod';

export const tokenRequestBody = z.object({
  account_id: z.string().min(1).max(100),
  scopes: z.array(z.string().min(1).max(200)).max(50).optional(),
  force_refresh: z.boolean().optional(),
});
