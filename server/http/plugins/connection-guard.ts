// Closes connections from peers outside an allow list before a byte of HTTP is read. On the UI
// listener in add-on mode the only allowed peer is the Supervisor's ingress proxy (172.30.32.2):
// X-Remote-User-* headers can be trusted only on its connections.
import { BlockList, isIP } from 'node:net';
import type { FastifyInstance } from 'fastify';
import type { Logger } from '../../log.js';

/** At most this many refused addresses are logged, so a scan cannot flood the log. */
const MAX_LOGGED_PEERS = 100;

/** `::ffff:172.30.32.2` (an IPv4 peer on a dual-stack socket) becomes `172.30.32.2`. */
export function normalizeAddress(address: string): string {
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(address);
  return mapped ? mapped[1]! : address;
}

/** An allow list of IPs and CIDR ranges (`172.30.32.0/23`, `::1`), IPv4 and IPv6. */
export function createAddressMatcher(sources: readonly string[]): (address: string | undefined) => boolean {
  const list = new BlockList();
  for (const source of sources) {
    const [address = '', prefix] = source.split('/');
    const family = isIP(address);
    if (family === 0) throw new Error(`not an IP address or range: ${source}`);
    const type = family === 4 ? 'ipv4' : 'ipv6';
    if (prefix === undefined) list.addAddress(address, type);
    else list.addSubnet(address, Number(prefix), type);
  }
  return (address) => {
    if (!address) return false;
    const normalized = normalizeAddress(address);
    const family = isIP(normalized);
    return family !== 0 && list.check(normalized, family === 4 ? 'ipv4' : 'ipv6');
  };
}

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
