// Wire shape of a consumer in the UI API (/api/consumers). The key itself appears once, in the
// answer to the create, and never again: views carry only its prefix.
import type { KeyKind } from '../../../shared/key-kinds.js';

export type { KeyKind };

export interface ConsumerView {
  id: string;
  name: string;
  key_prefix: string;
  account_ids: string[];
  allowed_scopes: string[];
  /** `full`: no permission list, gets tokens. `limited`: held to its list. */
  kind: KeyKind;
  /** The accounts whose raw access token this key may have now (a limited key: those its list covers). */
  raw_token_account_ids: string[];
  rate_limit_per_minute: number;
  created_at: string;
  revoked_at: string | null;
  last_used_at: string | null;
}

/** The answer to POST /api/consumers: the one time the key is shown. */
export type CreatedConsumerView = ConsumerView & { key: string };
