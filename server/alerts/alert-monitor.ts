// Compares the conditions a person must act on with the ones already alerted (kept in the store),
// and alerts each new or worsened condition once: a log line, and a Home Assistant notification
// that links to the panel. A condition that is gone gets a recovery line and notice.
import type { Logger } from '../log.js';
import type { AlertRecord, StoreData } from '../store/schema.js';
import type { Store } from '../store/store.js';
import { currentConditions, recoveryText, type AlertCondition } from './conditions.js';
import type { Notifier } from './notifier.js';
import { LEVEL_SEVERITY } from './secret-expiry.js';

export interface AlertMonitorDeps {
  store: Store;
  log: Logger;
  now: () => Date;
  /** Null in standalone mode: alerts then go to the log and the UI only. */
  notifier: Notifier | null;
}

/** An active condition with its texts, and whether Home Assistant has been told. */
export interface Alert {
  id: string;
  kind: AlertCondition['kind'];
  subjectId: string;
  level: string | null;
  title: string;
  message: string;
  raisedAt: string;
  notified: boolean;
}

/** HA notification ids: letters, digits and underscores only. */
export const notificationId = (conditionId: string): string => `ms365_signin_${conditionId.replace(/[^A-Za-z0-9]+/g, '_')}`;

// Log lines name ids, not people: the notification and the UI carry the names.
const LOG_RAISED: Record<AlertCondition['kind'], string> = {
  account_needs_sign_in: 'alert: an account must sign in again',
  secret_expiry: 'alert: a client secret expires soon or has expired',
  configuration_problem: 'alert: Microsoft refused an app registration',
};

const severityOf = (record: AlertRecord): number => (record.level ? LEVEL_SEVERITY[record.level] ?? 1 : 1);

export class AlertMonitor {
  readonly #deps: AlertMonitorDeps;
  #running: Promise<void> | null = null;
  #again = false;

  constructor(deps: AlertMonitorDeps) {
    this.#deps = deps;
  }

  /** Runs an evaluation soon; calls while one runs fold into one more run after it. */
  requestEvaluation(): void {
    void this.evaluate().catch((error: unknown) => this.#deps.log.error({ err: error }, 'alert evaluation failed'));
  }

  evaluate(): Promise<void> {
    if (this.#running) {
      this.#again = true;
      return this.#running;
    }
    this.#running = (async () => {
      do {
        this.#again = false;
        await this.#evaluateOnce();
      } while (this.#again);
    })().finally(() => {
      this.#running = null;
    });
    return this.#running;
  }

  /** Active conditions with their texts, for /api/status. */
  active(): Alert[] {
    const records = new Map(this.#deps.store.data.alerts.map((record) => [record.id, record]));
    return currentConditions(this.#deps.store.data, this.#deps.now()).map((condition) => ({
      id: condition.id,
      kind: condition.kind,
      subjectId: condition.subjectId,
      level: condition.level,
      title: condition.title,
      message: condition.message,
      raisedAt: records.get(condition.id)?.raisedAt ?? this.#deps.now().toISOString(),
      notified: records.get(condition.id)?.delivered ?? false,
    }));
  }

  async #evaluateOnce(): Promise<void> {
    const data = this.#deps.store.data;
    const now = this.#deps.now();
    const conditions = currentConditions(data, now);
    const records = new Map(data.alerts.map((record) => [record.id, record]));
    const next: AlertRecord[] = [];
    let changed = false;
    for (const condition of conditions) {
      const record = records.get(condition.id);
      const worse = !record || condition.severity > severityOf(record);
      if (worse) this.#deps.log.warn({ alert: condition.kind, subjectId: condition.subjectId, level: condition.level }, LOG_RAISED[condition.kind]);
      // A new or worse condition is (re)sent; one HA did not accept yet is retried, without a new log line.
      const send = this.#deps.notifier && (worse || !record.delivered);
      const delivered = send ? await this.#deps.notifier!.notify(this.#notification(condition)) : record?.delivered ?? false;
      const updated: AlertRecord = {
        id: condition.id,
        kind: condition.kind,
        subjectId: condition.subjectId,
        level: condition.level,
        raisedAt: worse ? now.toISOString() : record.raisedAt,
        delivered,
      };
      changed ||= JSON.stringify(updated) !== JSON.stringify(record);
      next.push(updated);
    }
    const current = new Set(conditions.map((condition) => condition.id));
    for (const record of data.alerts.filter((candidate) => !current.has(candidate.id))) {
      changed = true;
      await this.#recover(record, data);
    }
    if (!changed) return;
    await this.#deps.store.update((draft) => {
      draft.alerts = next;
    });
  }

  async #recover(record: AlertRecord, data: Readonly<StoreData>): Promise<void> {
    const text = recoveryText(record.kind, record.subjectId, data);
    this.#deps.log.info({ alert: record.kind, subjectId: record.subjectId }, 'alert resolved');
    if (!this.#deps.notifier) return;
    await this.#deps.notifier.dismiss(notificationId(record.id));
    await this.#deps.notifier.notify({ id: `${notificationId(record.id)}_resolved`, title: text.title, message: this.#withLink(text.message) });
  }

  #notification(condition: AlertCondition) {
    return { id: notificationId(condition.id), title: condition.title, message: this.#withLink(condition.message) };
  }

  #withLink(message: string): string {
    const path = this.#deps.notifier?.panelPath();
    return path
      ? `${message}\n\n[Open the Microsoft 365 sign-in panel](${path})`
      : `${message}\n\nOpen the add-on’s panel: Settings → Add-ons → Microsoft 365 sign-in → Open web UI.`;
  }
}
