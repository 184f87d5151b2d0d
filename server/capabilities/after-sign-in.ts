// The check that runs right after a sign-in (and an MS365 "sign in again"), with the token the
// sign-in just produced, so the result screen already says what works. It never fails the sign-in:
// any trouble becomes `null` and a warning without details.
import type { Logger } from '../log.js';
import type { CloudId } from '../settings/clouds.js';
import { isConsumerTenant } from '../settings/clouds.js';
import { checkCapabilities, type CapabilityReport } from './check.js';
import { featuresFor } from './features.js';

export interface AfterSignInInput {
  cloud: CloudId;
  graphOrigin: string;
  accessToken: string;
  requested: readonly string[];
  granted: readonly string[];
  tenantId: string;
  now: () => Date;
  log: Logger;
}

export async function checkAfterSignIn(input: AfterSignInInput): Promise<CapabilityReport | null> {
  try {
    return await checkCapabilities({
      cloud: input.cloud,
      graphOrigin: input.graphOrigin,
      accessToken: async () => input.accessToken,
      wanted: featuresFor([...input.requested, ...input.granted], null),
      granted: input.granted,
      personal: isConsumerTenant(input.tenantId),
      sharedMailbox: null,
      now: input.now,
    });
  } catch (error) {
    input.log.warn({ errorName: error instanceof Error ? error.name : typeof error }, 'capability check after sign-in failed');
    return null;
  }
}
