// The API key manager: admins make keys for the organization (acting as themselves) and see
// every key of it; teachers make keys for their own use and see theirs. A key's secret is shown
// once, at creation or rotation; only its HMAC is stored. Every change is audited.

import type { Prisma } from "@toolboxai/db";
import {
  API_KEY_MAX_LIFETIME_DAYS,
  API_SCOPES,
  type ApiKeyView,
  type ApiScope,
  apiScopesFor,
  type CreatedApiKey,
  type createApiKeySchema,
  type RotatedApiKey,
  type RotationGrace,
  type revokeApiKeySchema,
} from "@toolboxai/validators";
import type { z } from "zod";
import { recordAudit } from "../audit/audit";
import type { ServiceContext } from "../context";
import { conflict, fieldError, forbidden, notFound, preconditionFailed } from "../errors";
import { displayPrefix, generateApiKey, hashApiKey } from "./format";

/** What the key services need besides the caller: the "api-key-hash" secret, and a clock for tests. */
export interface ApiKeyDeps {
  /** `deriveSecret(authSecret, "api-key-hash")`: the same on every instance. */
  pepper: Buffer;
  now?: Date;
}

const DAY_MS = 86_400_000;
const GRACE_MS: Record<RotationGrace, number> = { now: 0, "1h": 3_600_000, "24h": DAY_MS, "7d": 7 * DAY_MS };

const keySelect = {
  id: true,
  name: true,
  prefix: true,
  scopes: true,
  ipAllowlist: true,
  expiresAt: true,
  revokedAt: true,
  revokedReason: true,
  rotatedFromId: true,
  lastUsedAt: true,
  lastUsedIp: true,
  createdAt: true,
  user: { select: { id: true, name: true, email: true, role: true } },
} satisfies Prisma.ApiKeySelect;
type KeyRow = Prisma.ApiKeyGetPayload<{ select: typeof keySelect }>;

const knownScopes = new Set<string>(API_SCOPES);

function toView(row: KeyRow, replacedById: string | null, now: Date): ApiKeyView {
  const { user, ...key } = row;
  return {
    ...key,
    scopes: key.scopes.filter((s): s is ApiScope => knownScopes.has(s)),
    status: key.revokedAt ? "revoked" : key.expiresAt && key.expiresAt <= now ? "expired" : "active",
    replacedById,
    owner: user,
  };
}

/** Who may manage keys at all, and whose keys a caller sees: an admin all of the organization's. */
function ownerFilter(ctx: ServiceContext): Prisma.ApiKeyWhereInput {
  const { role, userId } = ctx.actor;
  if (role === "ADMIN") return {};
  if (role === "TEACHER") return { userId };
  throw forbidden("Only admins and teachers can manage API keys.");
}

async function findKey(ctx: ServiceContext, keyId: string): Promise<KeyRow> {
  const row = await ctx.db.apiKey.findFirst({ where: { id: keyId, ...ownerFilter(ctx) }, select: keySelect });
  if (!row) throw notFound("API key");
  return row;
}

async function successorOf(ctx: ServiceContext, keyId: string): Promise<string | null> {
  const next = await ctx.db.apiKey.findFirst({ where: { rotatedFromId: keyId }, select: { id: true } });
  return next?.id ?? null;
}

export async function listApiKeys(ctx: ServiceContext, deps: Pick<ApiKeyDeps, "now"> = {}) {
  const now = deps.now ?? new Date();
  const rows = await ctx.db.apiKey.findMany({
    where: ownerFilter(ctx),
    select: keySelect,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
  });
  // A rotation's new key has the same owner, so it is in the same list.
  const successors = new Map(rows.filter((r) => r.rotatedFromId).map((r) => [r.rotatedFromId as string, r.id]));
  return { items: rows.map((r) => toView(r, successors.get(r.id) ?? null, now)) };
}

function checkScopes(ctx: ServiceContext, scopes: readonly ApiScope[]) {
  const allowed = apiScopesFor(ctx.actor.role);
  const refused = scopes.filter((s) => !allowed.includes(s));
  if (refused.length > 0) {
    throw fieldError(
      "FORBIDDEN",
      "scopes",
      `Your role can't give a key the scope${refused.length === 1 ? "" : "s"} ${refused.join(", ")}.`,
    );
  }
}

function checkExpiry(expiresAt: Date | null | undefined, now: Date) {
  if (!expiresAt) return;
  if (expiresAt.getTime() <= now.getTime()) throw fieldError("INVALID", "expiresAt", "Choose a date in the future.");
  if (expiresAt.getTime() > now.getTime() + API_KEY_MAX_LIFETIME_DAYS * DAY_MS) {
    throw fieldError("INVALID", "expiresAt", `A key may be made to last at most ${API_KEY_MAX_LIFETIME_DAYS} days.`);
  }
}

interface NewKey {
  /** The person the key acts as. */
  userId: string;
  name: string;
  scopes: readonly ApiScope[];
  ipAllowlist: readonly string[];
  expiresAt: Date | null;
  rotatedFromId?: string;
  createdAt: Date;
}

type Tx = Parameters<Parameters<ServiceContext["db"]["$transaction"]>[0]>[0];

async function insertKey(ctx: ServiceContext, data: NewKey, pepper: Buffer, tx: Tx | ServiceContext["db"] = ctx.db) {
  const secret = generateApiKey();
  const row = await tx.apiKey.create({
    data: {
      organizationId: ctx.actor.orgId,
      userId: data.userId,
      name: data.name,
      keyHash: hashApiKey(pepper, secret),
      prefix: displayPrefix(secret),
      scopes: [...data.scopes],
      ipAllowlist: [...new Set(data.ipAllowlist)],
      expiresAt: data.expiresAt,
      rotatedFromId: data.rotatedFromId ?? null,
      createdAt: data.createdAt,
    },
    select: keySelect,
  });
  return { row, secret };
}

export async function createApiKey(
  ctx: ServiceContext,
  input: z.output<typeof createApiKeySchema>,
  deps: ApiKeyDeps,
): Promise<CreatedApiKey> {
  const now = deps.now ?? new Date();
  ownerFilter(ctx);
  checkScopes(ctx, input.scopes);
  checkExpiry(input.expiresAt, now);
  const { row, secret } = await insertKey(
    ctx,
    {
      userId: ctx.actor.userId,
      name: input.name,
      scopes: input.scopes,
      ipAllowlist: input.ipAllowlist,
      expiresAt: input.expiresAt ?? null,
      createdAt: now,
    },
    deps.pepper,
  );
  await recordAudit(ctx, {
    action: "api_key.created",
    targetType: "ApiKey",
    targetId: row.id,
    metadata: {
      name: row.name,
      prefix: row.prefix,
      scopes: row.scopes,
      ipAllowlist: row.ipAllowlist,
      expiresAt: row.expiresAt?.toISOString() ?? null,
    },
  });
  return { key: toView(row, null, now), secret };
}

/**
 * A new key with the same name, scopes, allowlist and lifetime; the old one keeps working for
 * `grace` (its expiry is brought forward, never pushed back), so clients can switch over.
 */
export async function rotateApiKey(
  ctx: ServiceContext,
  input: { keyId: string; grace: RotationGrace },
  deps: ApiKeyDeps,
): Promise<RotatedApiKey> {
  const now = deps.now ?? new Date();
  const old = await findKey(ctx, input.keyId);
  // The new secret acts as the key's owner: only they may receive it (an admin revokes instead).
  if (old.user.id !== ctx.actor.userId) throw forbidden("Only the key's owner can rotate it; revoke it instead.");
  if (old.revokedAt) throw preconditionFailed("This key is revoked. Create a new key instead.");
  if (old.expiresAt && old.expiresAt <= now)
    throw preconditionFailed("This key has expired. Create a new key instead.");
  if (await successorOf(ctx, old.id)) throw conflict("This key was already rotated. Rotate its replacement instead.");
  // The replacement acts as the same person, with the scopes their role still allows.
  const allowed = apiScopesFor(old.user.role);
  const scopes = old.scopes.filter((s): s is ApiScope => (allowed as readonly string[]).includes(s));
  if (scopes.length === 0) throw preconditionFailed("This key's owner can no longer hold any of its scopes.");
  const lifetime = old.expiresAt ? old.expiresAt.getTime() - old.createdAt.getTime() : null;
  const graceUntil = new Date(now.getTime() + GRACE_MS[input.grace]);
  const oldExpiry = old.expiresAt && old.expiresAt < graceUntil ? old.expiresAt : graceUntil;
  const { created, previous } = await ctx.db.$transaction(async (tx) => {
    // Only a key no one rotated in the meantime is rotated (two admins clicking at once).
    const claimed = await tx.apiKey.updateMany({
      where: { id: old.id, revokedAt: null, expiresAt: old.expiresAt },
      data: { expiresAt: oldExpiry },
    });
    if (claimed.count !== 1) throw conflict("This key changed in the meantime. Reload and try again.");
    const created = await insertKey(
      ctx,
      {
        userId: old.user.id,
        name: old.name,
        scopes,
        ipAllowlist: old.ipAllowlist,
        expiresAt:
          lifetime === null ? null : new Date(now.getTime() + Math.min(lifetime, API_KEY_MAX_LIFETIME_DAYS * DAY_MS)),
        rotatedFromId: old.id,
        createdAt: now,
      },
      deps.pepper,
      tx,
    );
    const previous = await tx.apiKey.findFirstOrThrow({ where: { id: old.id }, select: keySelect });
    return { created, previous };
  });
  await recordAudit(ctx, {
    action: "api_key.rotated",
    targetType: "ApiKey",
    targetId: old.id,
    metadata: {
      name: old.name,
      prefix: old.prefix,
      newKeyId: created.row.id,
      newPrefix: created.row.prefix,
      grace: input.grace,
      oldKeyExpiresAt: oldExpiry.toISOString(),
    },
  });
  return {
    key: toView(created.row, null, now),
    secret: created.secret,
    previous: toView(previous, created.row.id, now),
  };
}

/** Refused from the next request on, by every instance (keys are looked up on every request). */
export async function revokeApiKey(
  ctx: ServiceContext,
  input: z.output<typeof revokeApiKeySchema>,
  deps: Pick<ApiKeyDeps, "now"> = {},
): Promise<ApiKeyView> {
  const now = deps.now ?? new Date();
  const key = await findKey(ctx, input.keyId);
  if (key.revokedAt) return toView(key, await successorOf(ctx, key.id), now);
  await ctx.db.apiKey.updateMany({
    where: { id: key.id, revokedAt: null },
    data: { revokedAt: now, revokedReason: input.reason },
  });
  const row = await ctx.db.apiKey.findFirstOrThrow({ where: { id: key.id }, select: keySelect });
  await recordAudit(ctx, {
    action: "api_key.revoked",
    targetType: "ApiKey",
    targetId: key.id,
    metadata: { name: key.name, prefix: key.prefix, ownerId: key.user.id, reason: input.reason },
  });
  return toView(row, await successorOf(ctx, key.id), now);
}

export { findKey as findApiKey };
