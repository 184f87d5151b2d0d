// The active alerts as GET /api/status lists them.
import type { Alert } from '../../alerts/alert-monitor.js';
import type { AlertView } from '../contract/alerts.js';

export const toAlertView = (alert: Alert): AlertView => ({
  id: alert.id,
  kind: alert.kind,
  subject_id: alert.subjectId,
  level: alert.level,
  title: alert.title,
  message: alert.message,
  raised_at: alert.raisedAt,
  notified: alert.notified,
});
