// The one settings schema. Both add-on mode (/data/options.json) and standalone mode (env, flags)
// produce this shape; every default here is one that works without Home Assistant.
import * as z from 'zod';

export const LOG_LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal'] as const;

const origin = z
  .string()
  .url()
  .transform((value) => new URL(value).origin);

/**
 * Limits of the consumer listener, which other add-ons (or, with consumer_api_access: network, any
 * LAN host) can reach: slow or idle connections are closed and their number is capped, so a few
 * peers cannot hold every socket; requests without a valid key are limited per source.
 */
export const listenerLimitsSchema = z
  .object({
    /** Whole request, body included (a Graph pass-through upload streams its body in this time). */
    requestTimeoutMs: z.number().int().positive().default(60_000),
    /** Request line and headers: a peer that trickles headers is answered 408 and closed. */
    headersTimeoutMs: z.number().int().positive().default(10_000),
    /** An idle keep-alive connection is closed after this. */
    keepAliveTimeoutMs: z.number().int().positive().default(5_000),
    /** How often Node checks connections against the two timeouts above. */
    connectionsCheckingIntervalMs: z.number().int().positive().default(1_000),
    /**
     * A keep-alive connection is closed after this many requests (0: no limit, the default). Node
     * answers the request past the limit with a bare 503, which HTTP clients report as a failure
     * rather than retrying on a new connection, so a busy consumer would see errors; the idle timeout
     * and the connection cap already keep connections from piling up.
     */
    maxRequestsPerSocket: z.number().int().min(0).default(0),
    /** Open connections at once; beyond this new ones are closed at once (Node's server.maxConnections). */
    maxConnections: z.number().int().positive().default(512),
    /** Requests without a valid key per source address (IPv6: per /64) and minute; the rest get 429 unaudited. */
    unauthenticatedPerMinute: z.number().int().positive().default(30),
  })
  .strict()
  // Node refuses a headers timeout longer than the whole request's.
  .refine((limits) => limits.headersTimeoutMs <= limits.requestTimeoutMs, {
    message: 'headersTimeoutMs may not be longer than requestTimeoutMs.',
    path: ['headersTimeoutMs'],
  });

export type ListenerLimits = z.infer<typeof listenerLimitsSchema>;

export const settingsSchema = z.object({
  mode: z.enum(['addon', 'standalone']),
  dataDir: z.string().min(1),
  uiHost: z.string().min(1),
  uiPort: z.number().int().min(0).max(65535),
  apiHost: z.string().min(1),
  apiPort: z.number().int().min(0).max(65535),
  logLevel: z.enum(LOG_LEVELS),
  /**
   * Replaces the login and Graph hosts of every cloud with one origin (the Microsoft emulator in
   * tests and the demo). Production never sets it.
   */
  endpointOverride: origin.optional(),
  /** Public https origin whose /auth/callback reaches this service (standalone internet redirect). */
  publicUrl: origin.optional(),
  supervisorToken: z.string().optional(),
  supervisorUrl: z.string().url(),
  /** Where the web UI's built files are; the service serves them as they are. */
  webRoot: z.string().min(1),
  // Home Assistant (add-on mode). Unset address lists take the mode's default (settings/sources.ts).
  /** HA's config folder as mounted in the container (`map: homeassistant_config` → /homeassistant). */
  haConfigDir: z.string().min(1).optional(),
  /**
   * Host names (with port, as in a Host header) the UI listener answers besides localhost,
   * 127.0.0.1, [::1] and the public URL: a reverse proxy of your own that passes its name on.
   */
  uiAllowedHosts: z.array(z.string().min(1)).default([]),
  /** Addresses (IPs or CIDR ranges) the UI listener accepts connections from. */
  uiAllowedSources: z.array(z.string().min(1)).optional(),
  /** Addresses the consumer listener accepts connections from; null accepts any address. */
  apiAllowedSources: z.array(z.string().min(1)).nullable().optional(),
  /** Write the internet-redirect bounce page into HA's www folder. */
  bouncePage: z.boolean().default(true),
  /** HA's public https origin when HA's own external URL is not the one Microsoft should use. */
  haPublicUrl: origin.optional(),
  /** Every Supervisor and Core call gives up after this long. */
  haTimeoutMs: z.number().int().positive().default(5000),
  /** The consumer listener's timeouts, connection cap and unauthenticated-request limit. */
  listenerLimits: listenerLimitsSchema.default(listenerLimitsSchema.parse({})),
});

export type Settings = z.infer<typeof settingsSchema>;

export const DEFAULTS = {
  standalone: { dataDir: './data', uiHost: '127.0.0.1', uiPort: 8099, apiHost: '127.0.0.1', apiPort: 8100 },
  addon: { dataDir: '/data', uiHost: '0.0.0.0', uiPort: 8099, apiHost: '0.0.0.0', apiPort: 8100 },
  logLevel: 'info',
  supervisorUrl: 'http://supervisor',
} as const;

/** What a user may set in the add-on's options (config.yaml `schema`). */
export const addonOptionsSchema = z
  .object({
    log_level: z.enum(LOG_LEVELS).optional(),
    consumer_api_access: z.enum(['addons', 'network']).optional(),
    internet_redirect_page: z.boolean().optional(),
    public_url: z.string().optional(),
  })
  .passthrough();
