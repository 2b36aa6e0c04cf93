// The server side of a signed-in browser or app: the Session row its token points to (a
// next-auth cookie's `sid`, an app access token's `sid`), and a cache of those rows so a request
// costs no database round trip in the common case.
//
// check(sid): cached row (fresh) -> the verdict; else one SELECT, cached. Revoked, expired
// (absolute lifetime) and idle sessions are refused; an active one has `lastSeenAt` written at
// most once a minute. Revocations drop cached rows at once in this process (the hub) and, through
// the bus, in every other instance; while cross-instance delivery is not certain (no bus and
// maybe several instances, or the bus lost Redis) a cached row is trusted for 1 s only.
import type { Database } from "@toolboxai/db";
import { type SessionPolicy, sessionPolicy } from "./policy";
import { processRevocations, type RevocationBus, type RevocationHub, type SessionRevocation } from "./revocations";

/** Why a session is no longer usable. */
export type SessionEndReason = "unknown" | "revoked" | "expired" | "idle";

export type SessionVerdict =
  | { active: true; sessionId: string; userId: string; organizationId: string }
  | { active: false; reason: SessionEndReason };

interface Entry {
  userId: string;
  organizationId: string;
  expiresAt: number;
  lastSeenAt: number;
  revoked: boolean;
  cachedAt: number;
}

/** A sign-in: who, in which organization, from where, and with what (a browser or an app). */
export interface SessionStart {
  userId: string;
  organizationId: string;
  userAgent?: string | undefined;
  ip?: string | undefined;
  /** "web" (a next-auth cookie; the default) or "app" (a first-party app's tokens). */
  kind?: "web" | "app" | undefined;
}

/**
 * Writes the Session row of a sign-in: it ends `policy.maxAgeMs` from now whatever happens. The
 * registry's `start` and the app-token grant (which runs where there is no registry) share it.
 */
export async function insertSession(
  db: Database,
  input: SessionStart,
  options: { policy?: SessionPolicy; now?: Date } = {},
): Promise<{ id: string; createdAt: Date; expiresAt: Date }> {
  const at = options.now ?? new Date();
  const expiresAt = new Date(at.getTime() + (options.policy ?? sessionPolicy()).maxAgeMs);
  const row = await db.session.create({
    data: {
      organizationId: input.organizationId,
      userId: input.userId,
      createdAt: at,
      lastSeenAt: at,
      expiresAt,
      userAgent: (input.userAgent ?? "").slice(0, 512),
      ip: (input.ip ?? "").slice(0, 64),
      kind: input.kind ?? "web",
    },
    select: { id: true },
  });
  return { id: row.id, createdAt: at, expiresAt };
}

export interface SessionRegistryOptions {
  /** The unscoped client: a session is looked up before there is an actor. */
  db: Database;
  /** Defaults to this process's policy (see ./policy.ts). */
  policy?: SessionPolicy;
  now?: () => Date;
  /** Where this process's revocations are announced (defaults to the process hub services use). */
  hub?: RevocationHub;
  /** Carries revocations between instances (Redis). */
  bus?: RevocationBus;
  /**
   * No bus, and no other instance can exist (the embedded database belongs to one process), so
   * the hub alone reaches every cache.
   */
  singleProcess?: boolean;
  /** How long a cached row is trusted while every revocation is sure to reach this cache. */
  cacheTtlMs?: number;
  /** ...and otherwise: the bound on how late another instance's revocation is noticed. */
  unsyncedTtlMs?: number;
  maxEntries?: number;
}

export interface SessionRegistry {
  /** Records a new session at sign-in and returns its id (the token's `sid`). */
  start(input: SessionStart): Promise<{ id: string; expiresAt: Date }>;
  /** Whether `sessionId` (of `userId`, when given) may be used now. */
  check(sessionId: string, userId?: string): Promise<SessionVerdict>;
  /** Ends one session (sign-out) everywhere. */
  revoke(sessionId: string, reason: string): Promise<void>;
  /** Counters, for tests and the health page: cache hits, database reads, lastSeenAt writes. */
  readonly stats: { hits: number; reads: number; touches: number };
  close(): Promise<void>;
}

export function createSessionRegistry(options: SessionRegistryOptions): SessionRegistry {
  const { db } = options;
  const policy = () => options.policy ?? sessionPolicy();
  const now = options.now ?? (() => new Date());
  const hub = options.hub ?? processRevocations;
  const bus = options.bus;
  const cacheTtlMs = options.cacheTtlMs ?? 60_000;
  const unsyncedTtlMs = options.unsyncedTtlMs ?? 1_000;
  const maxEntries = options.maxEntries ?? 10_000;
  const cache = new Map<string, Entry>();
  const stats = { hits: 0, reads: 0, touches: 0 };
  // Bumped by every invalidation: a read that started before one must not cache what it read.
  let epoch = 0;

  const ttl = () => ((bus ? bus.synced() : options.singleProcess) ? cacheTtlMs : unsyncedTtlMs);

  function invalidate(revocation: SessionRevocation) {
    epoch += 1;
    for (const id of revocation.sessionIds ?? []) cache.delete(id);
    if (revocation.userIds?.length) {
      const users = new Set(revocation.userIds);
      for (const [id, entry] of cache) if (users.has(entry.userId)) cache.delete(id);
    }
  }

  function remember(id: string, entry: Entry) {
    cache.delete(id);
    if (cache.size >= maxEntries) {
      const oldest = cache.keys().next();
      if (!oldest.done) cache.delete(oldest.value);
    }
    cache.set(id, entry);
  }

  async function load(id: string): Promise<Entry | null> {
    const startedIn = epoch;
    stats.reads += 1;
    const row = await db.session.findUnique({
      where: { id },
      select: { userId: true, organizationId: true, expiresAt: true, lastSeenAt: true, revokedAt: true },
    });
    if (!row) return null;
    const entry: Entry = {
      userId: row.userId,
      organizationId: row.organizationId,
      expiresAt: row.expiresAt.getTime(),
      lastSeenAt: row.lastSeenAt.getTime(),
      revoked: row.revokedAt !== null,
      cachedAt: now().getTime(),
    };
    if (epoch === startedIn) remember(id, entry);
    return entry;
  }

  const unsubscribe = hub.subscribe((revocation) => {
    invalidate(revocation);
    bus?.publish(revocation);
  });
  bus?.start({
    revoked: invalidate,
    resynced: () => {
      epoch += 1;
      cache.clear();
    },
  });

  async function judge(id: string, userId: string | undefined, forceLoad: boolean): Promise<SessionVerdict> {
    const at = now().getTime();
    let entry = forceLoad ? undefined : cache.get(id);
    const fromCache = entry !== undefined && at - entry.cachedAt < ttl();
    if (fromCache) stats.hits += 1;
    else entry = (await load(id)) ?? undefined;
    if (!entry || (userId !== undefined && entry.userId !== userId)) return { active: false, reason: "unknown" };
    if (entry.revoked) return { active: false, reason: "revoked" };
    if (at >= entry.expiresAt) return { active: false, reason: "expired" };
    const { idleMs, touchEveryMs } = policy();
    if (at - entry.lastSeenAt >= idleMs) {
      // Another instance may have seen it since this copy was cached.
      if (fromCache) return judge(id, userId, true);
      await db.session.updateMany({
        where: { id, revokedAt: null },
        data: { revokedAt: new Date(at), revokedReason: "idle" },
      });
      entry.revoked = true;
      return { active: false, reason: "idle" };
    }
    if (at - entry.lastSeenAt >= touchEveryMs) {
      stats.touches += 1;
      const { count } = await db.session.updateMany({
        where: { id, revokedAt: null },
        data: { lastSeenAt: new Date(at) },
      });
      if (count === 0) {
        cache.delete(id);
        return { active: false, reason: "revoked" };
      }
      entry.lastSeenAt = at;
    }
    return { active: true, sessionId: id, userId: entry.userId, organizationId: entry.organizationId };
  }

  return {
    stats,
    async start(input) {
      const at = now();
      const row = await insertSession(db, input, { policy: policy(), now: at });
      const { expiresAt } = row;
      remember(row.id, {
        userId: input.userId,
        organizationId: input.organizationId,
        expiresAt: expiresAt.getTime(),
        lastSeenAt: at.getTime(),
        revoked: false,
        cachedAt: at.getTime(),
      });
      return { id: row.id, expiresAt };
    },
    check: (sessionId, userId) => judge(sessionId, userId, false),
    async revoke(sessionId, reason) {
      await db.session.updateMany({
        where: { id: sessionId, revokedAt: null },
        data: { revokedAt: now(), revokedReason: reason },
      });
      hub.announce({ sessionIds: [sessionId] });
    },
    async close() {
      unsubscribe();
      cache.clear();
      await bus?.close();
    },
  };
}
