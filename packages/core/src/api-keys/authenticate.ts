// Who a request's API key acts as. Keys are looked up on every request (by the unique index on
// their hash), never cached, so a revocation is refused by every instance from the next request.
import type { Database } from "@toolboxai/db";
import { API_SCOPES, type ApiScope, apiScopesFor } from "@toolboxai/validators";
import { hashApiKey, hasValidChecksum } from "./format";
import { ipAllowed } from "./ip-allowlist";

/** The user a key acts as, within its scopes. */
export interface ApiKeyPrincipal {
  userId: string;
  apiKeyId: string;
  organizationId: string;
  /** The key's scopes that its owner's role still allows. */
  scopes: ApiScope[];
}

/** A key that was presented and refused (the shape of @toolboxai/api's AuthRejection). */
export interface ApiKeyRejection {
  rejected: { code: "UNAUTHORIZED" | "FORBIDDEN"; message: string };
}

export interface AuthenticateApiKeyOptions {
  /** `deriveSecret(authSecret, "api-key-hash")`. */
  pepper: Buffer;
  /** The client's address as the trusted-proxy setting resolves it; null: unknown. */
  ip: string | null;
  now?: Date;
}

/** `lastUsedAt` and `lastUsedIp` are written at most this often per key. */
export const LAST_USED_WRITE_INTERVAL_MS = 60_000;

const NOT_VALID = "This API key is not valid.";
const knownScopes = new Set<string>(API_SCOPES);

function refuse(code: "UNAUTHORIZED" | "FORBIDDEN", message: string): ApiKeyRejection {
  return { rejected: { code, message } };
}

/** `2026-12-02 14:05 UTC`. */
function when(date: Date): string {
  return `${date.toISOString().slice(0, 16).replace("T", " ")} UTC`;
}

export async function authenticateApiKey(
  db: Database,
  key: string,
  options: AuthenticateApiKeyOptions,
): Promise<ApiKeyPrincipal | ApiKeyRejection> {
  // A mistyped, truncated or invented key is refused without touching the database.
  if (!hasValidChecksum(key)) return refuse("UNAUTHORIZED", NOT_VALID);
  const now = options.now ?? new Date();
  const row = await db.apiKey.findUnique({
    where: { keyHash: hashApiKey(options.pepper, key) },
    select: {
      id: true,
      organizationId: true,
      scopes: true,
      ipAllowlist: true,
      expiresAt: true,
      revokedAt: true,
      lastUsedAt: true,
      user: { select: { id: true, role: true, active: true, deletedAt: true } },
    },
  });
  if (!row) return refuse("UNAUTHORIZED", NOT_VALID);
  if (row.revokedAt) return refuse("UNAUTHORIZED", `This API key was revoked on ${when(row.revokedAt)}.`);
  if (row.expiresAt && row.expiresAt <= now) {
    const replaced = await db.apiKey.findFirst({ where: { rotatedFromId: row.id }, select: { id: true } });
    return refuse(
      "UNAUTHORIZED",
      replaced
        ? `This API key was replaced by a rotation and stopped working on ${when(row.expiresAt)}. Use its replacement.`
        : `This API key expired on ${when(row.expiresAt)}.`,
    );
  }
  if (row.user.deletedAt) return refuse("UNAUTHORIZED", "The account this API key acts as was deleted.");
  if (!row.user.active) return refuse("UNAUTHORIZED", "The account this API key acts as is deactivated.");
  if (!ipAllowed(row.ipAllowlist, options.ip)) {
    return refuse(
      "FORBIDDEN",
      options.ip
        ? `This API key may not be used from ${options.ip}.`
        : "This API key may be used only from its allowed addresses, and this request's address is unknown.",
    );
  }
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() >= LAST_USED_WRITE_INTERVAL_MS) {
    // Conditional, so concurrent requests write once.
    await db.apiKey.updateMany({
      where: {
        id: row.id,
        OR: [{ lastUsedAt: null }, { lastUsedAt: { lte: new Date(now.getTime() - LAST_USED_WRITE_INTERVAL_MS) } }],
      },
      data: { lastUsedAt: now, lastUsedIp: options.ip },
    });
  }
  const allowed = apiScopesFor(row.user.role) as readonly string[];
  return {
    userId: row.user.id,
    apiKeyId: row.id,
    organizationId: row.organizationId,
    scopes: row.scopes.filter((s): s is ApiScope => knownScopes.has(s) && allowed.includes(s)),
  };
}

export function isApiKeyRejection(value: ApiKeyPrincipal | ApiKeyRejection): value is ApiKeyRejection {
  return "rejected" in value;
}
