// Who is on the other end of a request: the client's IP (what limits and the audit log record)
// and the host it addressed (what the same-origin check compares the Origin with). Both come from
// the trusted-proxy setting, never from a header the client alone controls.
//
// The app's server (apps/web/scripts/serve.mjs) appends the address of the socket each request
// came in on to X-Forwarded-For, as a reverse proxy does. So the last entry is always real, and
// with `hops` trusted proxies in front, each appending the address it saw, the client is the entry
// `hops` places before the last. Entries further left were written by the client and are ignored.

export interface ProxyTrust {
  /** Reverse proxies in front of the app, each appending to X-Forwarded-For (0: clients connect directly). */
  hops: number;
  /**
   * Whether the last X-Forwarded-For entry is the socket's address (the app's own server put it
   * there). When false, nothing in the request says where it came from: the IP is unknown.
   */
  socketAddressAppended: boolean;
}

export interface ClientAddress {
  /** The client's IP, or null when it cannot be known (no trusted server in front of the app). */
  ip: string | null;
  /** The host the client addressed: the Host header, or with trusted proxies their X-Forwarded-Host. */
  host: string | null;
}

type HeaderGetter = (name: string) => string | null | undefined;

function list(value: string | null | undefined): string[] {
  return (value ?? "")
    .split(",")
    .map((v) => v.trim())
    .filter(Boolean);
}

/** `::ffff:203.0.113.7` (an IPv4 client on a dual-stack socket) is `203.0.113.7`. */
function normalizeIp(ip: string): string {
  const unbracketed = ip.startsWith("[") && ip.endsWith("]") ? ip.slice(1, -1) : ip;
  return unbracketed.toLowerCase().startsWith("::ffff:") && unbracketed.includes(".")
    ? unbracketed.slice(7)
    : unbracketed;
}

export function clientAddress(header: HeaderGetter, trust: ProxyTrust): ClientAddress {
  const hops = Math.max(0, Math.floor(trust.hops));
  let ip: string | null = null;
  if (trust.socketAddressAppended) {
    const chain = list(header("x-forwarded-for"));
    // Fewer entries than trusted hops: the leftmost is as far as the trusted proxies reach.
    const entry = chain[Math.max(0, chain.length - 1 - hops)];
    ip = entry ? normalizeIp(entry) : null;
  }
  // Only a trusted proxy may say which host the client addressed; the nearest one writes last.
  const forwardedHost = hops > 0 ? list(header("x-forwarded-host")).at(-1) : undefined;
  return { ip, host: forwardedHost ?? header("host") ?? null };
}
