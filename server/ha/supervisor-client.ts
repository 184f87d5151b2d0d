// The Supervisor's own API (envelope {"result","data"}): this add-on's info. Every path used here is
// on the Supervisor's token bypass list, so the add-on needs no `hassio_api` permission for it.
import * as z from 'zod';
import { HaError } from './ha-error.js';
import { requestJson, type SupervisorConnection } from './supervisor-http.js';

const envelope = z.discriminatedUnion('result', [
  z.object({ result: z.literal('ok'), data: z.unknown() }),
  z.object({ result: z.literal('error'), message: z.string().optional() }),
]);

const selfInfoData = z.object({
  slug: z.string(),
  hostname: z.string(),
  version: z.string().nullish(),
  ip_address: z.string().nullish(),
  ingress_url: z.string().nullish(),
  ingress_port: z.number().nullish(),
});

export interface SelfInfo {
  /** Full slug, e.g. `1a2b3c4d_ms365_signin`. */
  slug: string;
  /** The host name other add-ons use to reach this one, e.g. `1a2b3c4d-ms365-signin`. */
  hostname: string;
  /** `/api/hassio_ingress/<token>`: the panel's path on the HA origin, without a trailing slash. */
  ingressPath: string | null;
  ipAddress: string | null;
  version: string | null;
}

const INGRESS_PREFIX = /^\/api\/hassio_ingress\/[A-Za-z0-9_-]+/;

/** Reads `data` from the envelope; `{"result":"error"}` becomes an HaError. */
export function unwrapEnvelope(body: unknown, where: string): unknown {
  const parsed = envelope.safeParse(body);
  if (!parsed.success) throw new HaError('bad_response', `${where} did not answer with the Supervisor envelope`);
  if (parsed.data.result === 'error') throw new HaError('command_failed', parsed.data.message ?? `${where} failed`);
  return parsed.data.data;
}

export class SupervisorClient {
  readonly #conn: SupervisorConnection;

  constructor(conn: SupervisorConnection) {
    this.#conn = conn;
  }

  async fetchSelfInfo(): Promise<SelfInfo> {
    const where = 'GET /addons/self/info';
    const { body } = await requestJson(this.#conn, { path: '/addons/self/info' });
    const data = selfInfoData.safeParse(unwrapEnvelope(body, where));
    if (!data.success) throw new HaError('bad_response', `${where} lacks slug or hostname`);
    const ingress = data.data.ingress_url ? INGRESS_PREFIX.exec(data.data.ingress_url)?.[0] ?? null : null;
    return {
      slug: data.data.slug,
      hostname: data.data.hostname,
      ingressPath: ingress,
      ipAddress: data.data.ip_address ?? null,
      version: data.data.version ?? null,
    };
  }
}
