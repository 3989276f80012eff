/**
 * The header strategy trusts identity headers only from the reverse proxy's own addresses
 * (TOPSAIL_AUTH_PROXY_ADDRESSES: IPs and CIDR ranges); anyone else who sends them is ignored.
 */
// No "server-only": proxy.ts imports this, and the proxy is not a React Server Components bundle.
import { BlockList, isIP } from "node:net";

export type AddressMatcher = (address: string | undefined) => boolean;

/** IPv4-mapped IPv6 (`::ffff:10.0.0.7`, what a dual-stack socket reports) is compared as IPv4. */
function normalise(address: string): string {
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(address);
  return mapped?.[1] ?? address;
}

export function matchAddresses(entries: readonly string[]): AddressMatcher {
  const list = new BlockList();
  for (const entry of entries) {
    const [address = "", prefix] = entry.split("/");
    const family = isIP(address) === 6 ? "ipv6" : "ipv4";
    if (prefix === undefined) list.addAddress(normalise(address), family);
    else list.addSubnet(normalise(address), Number(prefix), family);
  }
  return (address) => {
    if (!address) return false;
    const plain = normalise(address);
    const family = isIP(plain);
    if (family === 0) return false;
    return list.check(plain, family === 6 ? "ipv6" : "ipv4");
  };
}

/**
 * The request header that carries the TCP peer's address to route handlers (Next.js gives
 * them none of their own). `scripts/start-console.ts` sets it on every request from the
 * socket, overwriting whatever a client sent, so it cannot be forged through `npm start`.
 */
export const peerAddressHeader = "x-topsail-peer-address";
