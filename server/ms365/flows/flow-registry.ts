// The config flows the add-on has open in Home Assistant. HA keeps a flow (and the client secret it
// was given) in memory until it finishes or is abandoned, so the add-on abandons every flow it
// leaves: 10 minutes without activity, shutdown, and, for flows a crash left behind, the next
// start-up (their ids are kept in a small file in the data folder; ids only, nothing secret).
import { readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** Matches the sign-in code's lifetime: a flow idle longer could not finish anyway. */
export const FLOW_IDLE_MS = 10 * 60_000;
export const OPEN_FLOWS_FILE = 'ms365-open-flows.json';

export interface OpenFlow {
  flowId: string;
  domain: string;
  entityName: string;
  method: 'paste_back' | 'alternate';
  /** The integration's own auth link, unchanged: its state is what a paste must carry. */
  authUrl: string;
  /** The redirect the auth link names (nativeclient page or HA's /api/ms365). */
  redirectUri: string;
  state: string;
  /** Set for a reconfigure flow. */
  entryId: string | null;
  lastActivity: number;
}

export class FlowRegistry {
  readonly #flows = new Map<string, OpenFlow>();
  readonly #now: () => number;
  readonly #file: string | null;

  constructor(options: { now: () => number; dataDir?: string | undefined }) {
    this.#now = options.now;
    this.#file = options.dataDir ? path.join(options.dataDir, OPEN_FLOWS_FILE) : null;
  }

  async add(flow: Omit<OpenFlow, 'lastActivity'>): Promise<OpenFlow> {
    const open = { ...flow, lastActivity: this.#now() };
    this.#flows.set(flow.flowId, open);
    await this.#save();
    return open;
  }

  /** The flow, marked active; undefined when it is not (or no longer) open. */
  touch(flowId: string): OpenFlow | undefined {
    const flow = this.#flows.get(flowId);
    if (flow) flow.lastActivity = this.#now();
    return flow;
  }

  get(flowId: string): OpenFlow | undefined {
    return this.#flows.get(flowId);
  }

  async remove(flowId: string): Promise<void> {
    if (this.#flows.delete(flowId)) await this.#save();
  }

  all(): OpenFlow[] {
    return [...this.#flows.values()];
  }

  /** Flows idle for FLOW_IDLE_MS or longer, by the injected clock. */
  idle(): OpenFlow[] {
    const limit = this.#now() - FLOW_IDLE_MS;
    return this.all().filter((flow) => flow.lastActivity <= limit);
  }

  /** Flow ids a previous run left in the file (it crashed before abandoning them). */
  async leftOver(): Promise<string[]> {
    if (!this.#file) return [];
    try {
      const parsed = JSON.parse(await readFile(this.#file, 'utf8')) as unknown;
      const ids = Array.isArray((parsed as { flow_ids?: unknown }).flow_ids) ? ((parsed as { flow_ids: unknown[] }).flow_ids) : [];
      return ids.filter((id): id is string => typeof id === 'string' && /^[A-Za-z0-9_-]{1,64}$/.test(id) && !this.#flows.has(id));
    } catch {
      return [];
    }
  }

  async forgetLeftOver(): Promise<void> {
    await this.#save();
  }

  async #save(): Promise<void> {
    if (!this.#file) return;
    const temp = `${this.#file}.tmp`;
    await writeFile(temp, JSON.stringify({ flow_ids: [...this.#flows.keys()] }), { mode: 0o600 });
    await rename(temp, this.#file);
  }
}
