// Small display helpers shared by views: cloud names and dates in the user's locale.
const CLOUD_LABELS: Record<string, string> = {
  global: 'Global (Microsoft Entra ID)',
  china: 'China (operated by 21Vianet)',
  usgov: 'US Government',
};

export const cloudLabel = (cloud: string): string => CLOUD_LABELS[cloud] ?? cloud;

export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return 'never';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

export function formatTime(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });
}
