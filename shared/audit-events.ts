// What the audit log records: one event name per kind of line. The service writes them
// (server/audit/); the panel's activity list filters and words them.

export const AUDIT_EVENTS = ['token', 'graph', 'capabilities', 'denied', 'consumer_changed'] as const;
export type AuditEvent = (typeof AUDIT_EVENTS)[number];
