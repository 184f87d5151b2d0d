// Wire shape of GET /api/audit: the newest audit lines, as the panel's activity list reads them.
import type { AuditEvent } from '../../../shared/audit-events.js';

export type { AuditEvent };

export interface AuditLineView {
  time: string;
  event: AuditEvent;
  consumer_id: string | null;
  consumer_name: string | null;
  account_id: string | null;
  scopes: string[];
  /** `ok`, or the error code the caller got. */
  result: string;
  status: number;
  method?: string;
  path?: string;
  /** `consumer_changed`: which of its settings an administrator changed. */
  changed?: string[];
}

export interface AuditListView {
  entries: AuditLineView[];
}
