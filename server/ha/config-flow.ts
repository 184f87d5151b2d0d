// HA Core's config flows through the Supervisor's Core API proxy (homeassistant/components/config/
// config_entries.py and helpers/data_entry_flow.py; all admin-only, and the Supervisor's system user
// is an admin). A step's body can carry a client secret and a pasted address, and a reconfigure form
// carries the stored secret as a default: nothing here logs a body or puts one into an error message.
import * as z from 'zod';
import { HaError } from './ha-error.js';
import { callDeadline, transportError, type SupervisorConnection } from './supervisor-http.js';

/** The integration's step calls Microsoft (code redemption), so allow more than a plain API call. */
export const FLOW_STEP_TIMEOUT_MS = 60_000;
/** Reconfigure over REST: ConfigManagerFlowIndexView reads `entry_id` since Core 2024.4 (core PR #108794). */
export const RECONFIGURE_SINCE = { year: 2024, month: 4 } as const;

const formResult = z
  .object({
    type: z.literal('form'),
    flow_id: z.string(),
    handler: z.string(),
    step_id: z.string(),
    data_schema: z.array(z.record(z.string(), z.unknown())).default([]),
    errors: z.record(z.string(), z.string()).nullish(),
    description_placeholders: z.record(z.string(), z.string().nullable()).nullish(),
  })
  .passthrough();
const createResult = z
  .object({ type: z.literal('create_entry'), flow_id: z.string(), handler: z.string(), result: z.object({ entry_id: z.string() }).passthrough() })
  .passthrough();
const abortResult = z.object({ type: z.literal('abort'), flow_id: z.string(), handler: z.string(), reason: z.string() }).passthrough();
const flowResult = z.discriminatedUnion('type', [formResult, createResult, abortResult]);

export type FlowForm = z.infer<typeof formResult>;
export type FlowResult = z.infer<typeof flowResult>;

/**
 * What HA answered besides a result: the step's input refused by HA itself (400 {"errors"}), the flow
 * gone (404), or the integration raising (500 text/plain, e.g. MSAL on a state mismatch).
 */
export class FlowRequestError extends Error {
  readonly kind: 'invalid_input' | 'unknown_flow' | 'unknown_handler' | 'integration_crashed' | 'refused';
  readonly status: number;
  /** Field → HA's message, for invalid_input; HA's messages name fields, never values. */
  readonly fieldErrors: Record<string, string>;

  constructor(kind: FlowRequestError['kind'], status: number, fieldErrors: Record<string, string> = {}) {
    super(`Home Assistant answered ${status} (${kind})`);
    this.name = 'FlowRequestError';
    this.kind = kind;
    this.status = status;
    this.fieldErrors = fieldErrors;
  }
}

export class ConfigFlowApi {
  readonly #conn: SupervisorConnection;

  constructor(conn: SupervisorConnection) {
    this.#conn = { ...conn, timeoutMs: Math.max(conn.timeoutMs, FLOW_STEP_TIMEOUT_MS) };
  }

  /** The domains that have a config flow, custom integrations included (ConfigManagerAvailableFlowView). */
  async handlers(): Promise<string[]> {
    const body = await this.#send('GET', '/core/api/config/config_entries/flow_handlers');
    const parsed = z.array(z.string()).safeParse(body);
    if (!parsed.success) throw new HaError('bad_response', 'GET flow_handlers is not a list of domains');
    return parsed.data;
  }

  /** Core's version from /api/config, to know whether reconfigure can be started over REST. */
  async coreVersion(): Promise<string | null> {
    const body = await this.#send('GET', '/core/api/config');
    const parsed = z.object({ version: z.string() }).safeParse(body);
    return parsed.success ? parsed.data.version : null;
  }

  /** Starts a flow; with an entry id, a reconfigure flow of that entry (frontend src/data/config_flow.ts createConfigFlow). */
  async start(domain: string, options: { entryId?: string } = {}): Promise<FlowResult> {
    const body = { handler: domain, show_advanced_options: false, ...(options.entryId ? { entry_id: options.entryId } : {}) };
    return this.#result(await this.#send('POST', '/core/api/config/config_entries/flow', body));
  }

  async step(flowId: string, input: Record<string, unknown>): Promise<FlowResult> {
    return this.#result(await this.#send('POST', `/core/api/config/config_entries/flow/${encodeURIComponent(flowId)}`, input));
  }

  /** Abandons the flow; a flow HA no longer has counts as abandoned. */
  async abort(flowId: string): Promise<void> {
    try {
      await this.#send('DELETE', `/core/api/config/config_entries/flow/${encodeURIComponent(flowId)}`);
    } catch (error) {
      if (error instanceof FlowRequestError && error.kind === 'unknown_flow') return;
      throw error;
    }
  }

  #result(body: unknown): FlowResult {
    const parsed = flowResult.safeParse(body);
    if (!parsed.success) throw new HaError('bad_response', 'the config flow answered something that is not a flow result');
    return parsed.data;
  }

  async #send(method: 'GET' | 'POST' | 'DELETE', path: string, body?: unknown): Promise<unknown> {
    const signal = callDeadline(this.#conn);
    const where = `${method} ${path.replace(/\/flow\/[^/]+$/, '/flow/<id>')}`;
    const headers: Record<string, string> = { authorization: `Bearer ${this.#conn.token}`, accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    let response: Response;
    let text: string;
    try {
      response = await fetch(new URL(path, this.#conn.baseUrl), {
        method,
        headers,
        body: body === undefined ? null : JSON.stringify(body),
        signal,
        redirect: 'error',
      });
      text = await response.text();
    } catch (error) {
      throw transportError(error, signal, where);
    }
    if (response.ok) return parseJson(text);
    if (response.status === 401) throw new HaError('unauthorized', `${where} answered 401`, { status: 401 });
    if (response.status === 403) throw new HaError('forbidden', `${where} answered 403`, { status: 403 });
    if (response.status === 400) throw new FlowRequestError('invalid_input', 400, fieldErrorsOf(parseJson(text)));
    if (response.status === 404) throw new FlowRequestError(path.endsWith('/flow') ? 'unknown_handler' : 'unknown_flow', 404);
    if (response.status === 500) throw new FlowRequestError('integration_crashed', 500);
    throw new FlowRequestError('refused', response.status);
  }
}

function parseJson(text: string): unknown {
  if (text === '') return null;
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/** HA's {"errors": {field: message}}; only field names and HA's own short messages are kept. */
function fieldErrorsOf(body: unknown): Record<string, string> {
  const parsed = z.object({ errors: z.record(z.string(), z.unknown()) }).safeParse(body);
  if (!parsed.success) return {};
  const out: Record<string, string> = {};
  for (const [field, message] of Object.entries(parsed.data.errors)) {
    if (/^[a-z_]{1,64}$/.test(field)) out[field] = typeof message === 'string' ? message.replace(/@ data.*$/, '').slice(0, 120).trim() : 'not valid';
  }
  return out;
}

/** Whether this Core version can start a reconfigure flow over REST. */
export function coreSupportsReconfigure(version: string | null): boolean {
  const match = /^(\d{4})\.(\d{1,2})/.exec(version ?? '');
  if (!match) return false;
  const year = Number(match[1]);
  const month = Number(match[2]);
  return year > RECONFIGURE_SINCE.year || (year === RECONFIGURE_SINCE.year && month >= RECONFIGURE_SINCE.month);
}
