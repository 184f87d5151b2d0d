// Closes connections from peers outside an allow list before a byte of HTTP is read. On the UI
// listener in add-on mode the only allowed peer is the Supervisor's ingress proxy (172.30.32.2):
// X-Remote-User-* headers can be trusted only on its connections.
import type { FastifyInstance } from 'fastify';
import type { Logger } from '../../log.js';
import { createAddressMatcher, normalizeAddress } from '../../net/addresses.js';

/** At most this many refused addresses are logged, so a scan cannot flood the log. */
const MAX_LOGGED_PEERS = 100;

/** Installs the guard on the app's server; `sources: null` lets every peer through. */
export function installConnectionGuard(app: FastifyInstance, sources: readonly string[] | null, log: Logger): void {
  if (sources === null) return;
  const allowed = createAddressMatcher(sources);
  const logged = new Set<string>();
  app.server.on('connection', (socket) => {
    if (allowed(socket.remoteAddress)) return;
    const peer = socket.remoteAddress ?? 'unknown';
    if (!logged.has(peer) && logged.size < MAX_LOGGED_PEERS) {
      logged.add(peer);
      log.warn({ peer, allowed: sources }, 'connection refused: peer not allowed on this listener');
    }
    socket.destroy();
  });
}
