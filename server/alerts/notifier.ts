// Where alerts go besides the log: Home Assistant's persistent notifications in add-on mode,
// nowhere in standalone mode (null). Kept as a small interface so alerts know nothing of HA's API.
import type { HomeAssistant } from '../ha/home-assistant.js';

export interface AlertNotification {
  /** Stable per condition: sending again replaces the notification, dismiss takes it. */
  id: string;
  title: string;
  /** Markdown, as HA renders it. */
  message: string;
}

export interface Notifier {
  /** True when Home Assistant accepted it. Never throws. */
  notify(notification: AlertNotification): Promise<boolean>;
  dismiss(id: string): Promise<void>;
  /** Path of the add-on's panel on the HA origin, once known. */
  panelPath(): string | null;
}

export function homeAssistantNotifier(ha: HomeAssistant): Notifier {
  return {
    notify: async (notification) => (await ha.notify(notification)).ok,
    dismiss: async (id) => {
      await ha.dismissNotification(id);
    },
    // HA's frontend route for an add-on's ingress panel; it works whether or not the panel is in the sidebar.
    panelPath: () => {
      const slug = ha.status().slug;
      return slug ? `/hassio/ingress/${slug}` : null;
    },
  };
}
