// Peer addresses as sockets report them, and allow lists of IPs and ranges. Shared by the connection
// guards at the HTTP edge and by the per-address limit on unauthenticated consumer requests.
import { BlockList, isIP } from 'node:net';

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
