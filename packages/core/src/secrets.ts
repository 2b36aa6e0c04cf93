import { createHmac } from "node:crypto";

/**
 * A key for one purpose derived from the app's one secret (NEXTAUTH_SECRET), so API-key hashes,
 * access-token signatures and session cookies never share a key, and instances that share the
 * secret agree on all of them.
 */
export function deriveSecret(secret: string, purpose: string): Buffer {
  return createHmac("sha256", secret).update(`toolboxai:${purpose}`).digest();
}
