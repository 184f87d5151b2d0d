// DNS rebinding: a web page whose name later resolves to 127.0.0.1 talks to this listener as its
// own origin, and the browser sends that page's name as Host. So the UI listener answers only the
// names it is reached by: localhost, 127.0.0.1 and [::1] with the port the request came in on, the
// configured public URL, the listen address when it is a concrete one, the hosts set in
// uiAllowedHosts (M365_UI_ALLOWED_HOSTS), and, in add-on mode,
// requests through Home Assistant ingress. Everything else gets 421 before any route runs.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../../errors/app-error.js';
import type { Settings } from '../../settings/schema.js';

const LOOPBACK_NAMES = ['localhost', '127.0.0.1', '[::1]'];
const WILDCARD_LISTEN = new Set(['0.0.0.0', '::', '[::]']);

/** `host` as it appears in a Host header: IPv6 in brackets, lower case. */
function hostName(host: string): string {
  const lower = host.toLowerCase();
  return lower.includes(':') && !lower.startsWith('[') ? `[${lower}]` : lower;
}

export interface HostCheck {
  /** Whether the Host header of a request that arrived on `localPort` is one this listener answers. */
  allowed(host: string | undefined, localPort: number | undefined): boolean;
  /** For the refusal's fix: the names a person can use. */
  examples(localPort: number | undefined): string[];
}

export function hostCheck(settings: Pick<Settings, 'uiHost' | 'publicUrl' | 'uiAllowedHosts'>): HostCheck {
  const names = [...LOOPBACK_NAMES];
  if (!WILDCARD_LISTEN.has(settings.uiHost) && !names.includes(hostName(settings.uiHost))) names.push(hostName(settings.uiHost));
  // A reverse proxy in front of the standalone service may pass the public name on as Host.
  const publicHost = settings.publicUrl ? new URL(settings.publicUrl).host.toLowerCase() : undefined;
  const extra = new Set(settings.uiAllowedHosts.map((host) => host.toLowerCase()));
  const withPort = (port: number | undefined) => names.flatMap((name) => (port === 80 ? [`${name}:80`, name] : [`${name}:${port}`]));
  return {
    allowed: (host, localPort) => {
      if (!host) return false;
      const lower = host.toLowerCase();
      return lower === publicHost || extra.has(lower) || withPort(localPort).includes(lower);
    },
    examples: (localPort) => [...names.map((name) => `${name}:${localPort}`), ...(publicHost ? [publicHost] : [])],
  };
}

/**
 * In add-on mode the connection guard admits only the Supervisor, whose ingress proxy passes on the
 * Host the browser used for Home Assistant itself (any name: a LAN address, homeassistant.local, a
 * remote URL), with X-Ingress-Path set by HA. Those requests are HA's to vet; a page rebinding a name
 * to the add-on's container address cannot connect at all. Never trusted in standalone mode, where
 * a rebound page could set the header itself.
 */
function viaIngress(settings: Pick<Settings, 'mode'>, request: FastifyRequest): boolean {
  return settings.mode === 'addon' && typeof request.headers['x-ingress-path'] === 'string';
}

export function installHostGuard(app: FastifyInstance, settings: Pick<Settings, 'mode' | 'uiHost' | 'publicUrl' | 'uiAllowedHosts'>): void {
  const check = hostCheck(settings);
  app.addHook('onRequest', (request, _reply, done) => {
    const localPort = request.socket.localPort;
    if (viaIngress(settings, request) || check.allowed(request.headers.host, localPort)) return done();
    const where = check.examples(localPort).map((host) => `http://${host}`).join(' or ');
    done(new AppError('host_not_allowed', { fix: `Open the panel at ${where}; to reach it under another name, set that address as the public URL (M365_PUBLIC_URL).` }));
  });
}
