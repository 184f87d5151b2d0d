// Audit lines across the wire. The file's line format (server/audit/audit-line.ts) happens to match
// the wire today; naming each field keeps a change to the file format from reaching the panel unseen.
import type { AuditLine } from '../../audit/audit-line.js';
import type { AuditLineView } from '../contract/audit.js';

export function toAuditLineView(line: AuditLine): AuditLineView {
  const view: AuditLineView = {
    time: line.time,
    event: line.event,
    consumer_id: line.consumer_id,
    consumer_name: line.consumer_name,
    account_id: line.account_id,
    scopes: line.scopes,
    result: line.result,
    status: line.status,
  };
  if (line.method !== undefined) view.method = line.method;
  if (line.path !== undefined) view.path = line.path;
  if (line.changed !== undefined) view.changed = line.changed;
  return view;
}
