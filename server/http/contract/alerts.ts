// Wire shape of the conditions a person must act on, as GET /api/status lists them.

export interface AlertView {
  id: string;
  kind: string;
  subject_id: string;
  level: string | null;
  title: string;
  message: string;
  raised_at: string;
  notified: boolean;
}
