import { createHash, createHmac, timingSafeEqual } from "node:crypto";

export function hmacSha256Hex(secret: string, data: string): string {
  return createHmac("sha256", secret).update(data).digest("hex");
}

export function md5Hex(data: string | Buffer): string {
  return createHash("md5").update(data).digest("hex");
}

/** Constant-time string comparison (false on length mismatch). */
export function safeEqual(a: string, b: string): boolean {
  const ab = Buffer.from(a, "utf8");
  const bb = Buffer.from(b, "utf8");
  if (ab.length !== bb.length) return false;
  return timingSafeEqual(ab, bb);
}

/** `key:hex(HMAC-SHA256(secret, socket_id:channel[:channel_data]))` as sent by clients in pusher:subscribe. */
export function channelAuthToken(
  key: string,
  secret: string,
  socketId: string,
  channel: string,
  channelData?: string,
): string {
  const toSign = channelData === undefined ? `${socketId}:${channel}` : `${socketId}:${channel}:${channelData}`;
  return `${key}:${hmacSha256Hex(secret, toSign)}`;
}

/** String to sign for the HTTP API: METHOD\nPATH\nsorted k=v pairs (auth_signature excluded). */
export function apiStringToSign(method: string, path: string, params: Record<string, string>): string {
  const query = Object.keys(params)
    .filter((k) => k !== "auth_signature")
    .sort()
    .map((k) => `${k}=${params[k]}`)
    .join("&");
  return `${method}\n${path}\n${query}`;
}
