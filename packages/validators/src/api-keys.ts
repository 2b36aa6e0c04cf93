// API keys (issue 13): what an admin or a teacher sends to create, rotate and revoke a key, and
// what the key manager shows. The secret itself appears once, in `createdApiKeySchema`.
import { z } from "zod";
import { API_SCOPES, type ApiScope, apiScopeSchema } from "./api";
import { idSchema, isoDate, roleSchema } from "./common";
import { EXAMPLE_IDS as ids } from "./examples";
import { textSchema } from "./text";

/** What a key looks like, for secret scanners and docs: `tbx_live_` + 30 base62 + a 6-character checksum. */
export const API_KEY_PATTERN = /^tbx_live_[0-9A-Za-z]{36}$/;
export const API_KEY_PREFIX = "tbx_live_";

/** Scopes a teacher's key may hold: everything but `admin` (the key acts as the teacher). */
export const TEACHER_API_SCOPES = API_SCOPES.filter((s) => s !== "admin") as Exclude<ApiScope, "admin">[];

/** The scopes a person of `role` may give their own keys (none for students and parents). */
export function apiScopesFor(role: z.infer<typeof roleSchema>): readonly ApiScope[] {
  if (role === "ADMIN") return API_SCOPES;
  if (role === "TEACHER") return TEACHER_API_SCOPES;
  return [];
}

/** A key may be created to expire at most this far ahead. */
export const API_KEY_MAX_LIFETIME_DAYS = 365;
export const API_KEY_MAX_ALLOWLIST = 20;

/** One entry of an IP allowlist: an IPv4 or IPv6 address, or a CIDR block of either. */
const ipOrCidrSchema = z.union([z.ipv4(), z.ipv6(), z.cidrv4(), z.cidrv6()]);

/**
 * One allowlist entry. A single check with its own message (not the union itself), so forms'
 * resolvers show this sentence rather than the first alternative's "Invalid IPv4 address".
 */
export const ipRuleSchema = textSchema
  .trim()
  .refine((value) => ipOrCidrSchema.safeParse(value).success, {
    error: (issue) =>
      `${typeof issue.input === "string" && issue.input ? `"${issue.input.slice(0, 60)}"` : "This entry"} is not an IP address or CIDR block (such as 203.0.113.7, 2001:db8::1 or 198.51.100.0/24).`,
  })
  .meta({ examples: ["203.0.113.7", "198.51.100.0/24", "2001:db8::/32"] });

export const apiKeyNameSchema = textSchema
  .trim()
  .min(1, "Give the key a name (what uses it).")
  .max(100, "A key's name is at most 100 characters.");

export const createApiKeySchema = z
  .object({
    name: apiKeyNameSchema.meta({ examples: ["Roblox Studio plugin"] }),
    scopes: z
      .array(apiScopeSchema)
      .min(1, "Choose at least one scope.")
      .max(API_SCOPES.length)
      .refine((s) => new Set(s).size === s.length, "Choose each scope once."),
    /** When the key stops working; null or absent: it never expires. At most a year ahead. */
    expiresAt: z.coerce
      .date("Enter a valid date.")
      .meta({ override: { type: "string", format: "date-time" } })
      .nullable()
      .optional(),
    /** Addresses or CIDR blocks the key may be used from; empty: anywhere. */
    ipAllowlist: z
      .array(ipRuleSchema)
      .max(API_KEY_MAX_ALLOWLIST, `List at most ${API_KEY_MAX_ALLOWLIST} addresses or blocks.`)
      .default([]),
  })
  .meta({ examples: [{ name: "Roblox Studio plugin", scopes: ["content:read", "roblox:read"], ipAllowlist: [] }] });
export type CreateApiKeyInput = z.input<typeof createApiKeySchema>;

export const apiKeyIdSchema = z.object({ keyId: idSchema });

/** How long the replaced key keeps working after a rotation. */
export const ROTATION_GRACES = ["now", "1h", "24h", "7d"] as const;
export const rotationGraceSchema = z.enum(ROTATION_GRACES);
export type RotationGrace = z.infer<typeof rotationGraceSchema>;

export const rotateApiKeySchema = z
  .object({ keyId: idSchema, grace: rotationGraceSchema.default("24h") })
  .meta({ examples: [{ keyId: ids.apiKey, grace: "24h" }] });
export type RotateApiKeyInput = z.input<typeof rotateApiKeySchema>;

export const revokeApiKeySchema = z
  .object({
    keyId: idSchema,
    reason: textSchema
      .trim()
      .min(1, "Say why the key is revoked (it goes in the audit log).")
      .max(200, "The reason is at most 200 characters."),
  })
  .meta({ examples: [{ keyId: ids.apiKey, reason: "The laptop running the plugin was lost." }] });
export type RevokeApiKeyInput = z.input<typeof revokeApiKeySchema>;

/** active: works now; expired: past its expiry (a rotated key after its grace); revoked: refused for good. */
export const apiKeyStatusSchema = z.enum(["active", "expired", "revoked"]);
export type ApiKeyStatus = z.infer<typeof apiKeyStatusSchema>;

/** A key as the manager lists it: never the secret, never its hash. */
export const apiKeySchema = z
  .object({
    id: z.string(),
    name: z.string(),
    /** The key's first characters (`tbx_live_AbC4`), to tell keys apart. */
    prefix: z.string(),
    scopes: z.array(apiScopeSchema),
    ipAllowlist: z.array(z.string()),
    status: apiKeyStatusSchema,
    expiresAt: isoDate().nullable(),
    revokedAt: isoDate().nullable(),
    revokedReason: z.string().nullable(),
    /** The key this one replaced (made by rotating it). */
    rotatedFromId: z.string().nullable(),
    /** The key that replaced this one, when it was rotated. */
    replacedById: z.string().nullable(),
    lastUsedAt: isoDate().nullable(),
    lastUsedIp: z.string().nullable(),
    createdAt: isoDate(),
    /** The person the key acts as. */
    owner: z.object({ id: z.string(), name: z.string(), email: z.string(), role: roleSchema }),
  })
  .meta({
    id: "ApiKey",
    examples: [
      {
        id: ids.apiKey,
        name: "Roblox Studio plugin",
        prefix: "tbx_live_0123",
        scopes: ["content:read", "roblox:read"],
        ipAllowlist: [],
        status: "active",
        expiresAt: "2027-06-30T00:00:00.000Z",
        revokedAt: null,
        revokedReason: null,
        rotatedFromId: null,
        replacedById: null,
        lastUsedAt: "2026-12-02T09:12:44.000Z",
        lastUsedIp: "203.0.113.7",
        createdAt: "2026-12-01T10:00:00.000Z",
        owner: { id: ids.teacher, name: "Rosa Okafor", email: "r.okafor@lincoln-ms.example", role: "TEACHER" },
      },
    ],
  });
export type ApiKeyView = z.infer<typeof apiKeySchema>;

export const apiKeyListSchema = z.object({ items: z.array(apiKeySchema) });

/** A new key: `secret` is shown this once and never again (only its hash is stored). */
export const createdApiKeySchema = z.object({
  key: apiKeySchema,
  secret: z
    .string()
    .regex(API_KEY_PATTERN)
    .meta({ examples: ["tbx_live_0123456789ABCDEFGHIJabcdefghij1a2B3c"] }),
});
export type CreatedApiKey = z.infer<typeof createdApiKeySchema>;

/** A rotation: the new key (with its secret, shown once) and the old one, now expiring. */
export const rotatedApiKeySchema = createdApiKeySchema.extend({ previous: apiKeySchema });
export type RotatedApiKey = z.infer<typeof rotatedApiKeySchema>;

/** How many days the usage chart covers. */
export const API_KEY_USAGE_DAYS = 30;

const usageCounts = {
  requests: z.number().int(),
  /** Responses of 400 and above, 429s included. */
  errors: z.number().int(),
  /** Responses refused by a rate limit (429). */
  limited: z.number().int(),
};

export const apiKeyUsageSchema = z.object({
  keyId: z.string(),
  /** One entry per UTC day, oldest first, days without requests included (zeros). */
  days: z.array(z.object({ day: z.string().meta({ examples: ["2026-12-01"] }), ...usageCounts })),
  /** Per operation (`GET /content/{contentId}`) over those days, busiest first. */
  endpoints: z.array(z.object({ endpoint: z.string(), ...usageCounts })),
  totals: z.object(usageCounts),
});
export type ApiKeyUsage = z.infer<typeof apiKeyUsageSchema>;
