// Whether a client address is in a key's allowlist of addresses and CIDR blocks (IPv4 or IPv6).
import { BlockList, isIP } from "node:net";

function family(address: string): "ipv4" | "ipv6" | null {
  const kind = isIP(address);
  return kind === 4 ? "ipv4" : kind === 6 ? "ipv6" : null;
}

/** `::ffff:203.0.113.7` is the IPv4 client 203.0.113.7. */
function unmapped(ip: string): string {
  return ip.toLowerCase().startsWith("::ffff:") && isIP(ip.slice(7)) === 4 ? ip.slice(7) : ip;
}

/** An empty list allows every address; otherwise `ip` must fall in one of its entries. */
export function ipAllowed(allowlist: readonly string[], ip: string | null): boolean {
  if (allowlist.length === 0) return true;
  if (!ip) return false;
  const address = unmapped(ip);
  const addressFamily = family(address);
  if (!addressFamily) return false;
  const list = new BlockList();
  for (const rule of allowlist) {
    const [base = "", bits] = rule.split("/");
    const ruleFamily = family(base);
    // A stray value (refused when the key was saved) allows nothing; BlockList would let an
    // IPv6 block match IPv4 clients (as mapped addresses), so only rules of the client's family count.
    if (ruleFamily !== addressFamily) continue;
    if (bits === undefined) list.addAddress(base, ruleFamily);
    else list.addSubnet(base, Number(bits), ruleFamily);
  }
  return list.check(address, addressFamily);
}
