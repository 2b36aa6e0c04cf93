// The metrics cache: computed answers kept for an endpoint's TTL, in Redis when there is one
// (shared by every instance) or in this process's memory. Keys name the organization and whose
// numbers they are (`metrics:v1:{orgId}:{org|teacher:<id>}:{endpoint}:{params}`).
//
// - Invalidation bumps generation counters (one INCR each, seen by every instance on its next
//   read): an answer stored under an older generation is a miss. Each answer is stored under a tag
//   of two generations, the organization's (`all`: the admin endpoint, everything) and its scope's
//   (`org`, or `teacher:<id>`), read with the answer in one MGET. An event bumps the organization
//   scope and only the teachers whose numbers it can change (`invalidateScopes`), so one teacher's
//   write leaves the other teachers' answers alone.
// - A teacher's key also names a digest of their classes and students (`r=`): a roster change
//   makes a new key, so an answer never outlives the roster it was computed for.
// - Single-flight: one computation per key at a time, within the process (a shared promise) and
//   across instances (a Redis lock, `SET NX PX`; the others poll for the answer, within a bound).
//   A forced refresh while a computation is in flight waits for that one instead of starting
//   another. Only an answer read from the cache is a hit: one that waited for another request's
//   computation is a miss (`cache_hit: false`), as it did not find a cached answer.
// - Every lookup counts a hit or a miss, here (`stats()`) and in Prometheus
//   (redis_cache_hits_total / redis_cache_misses_total, cache="metrics").
import { createHash } from "node:crypto";
import { platformMetrics } from "@toolboxai/observability/metrics";
import type { Redis } from "ioredis";
import { type MetricsScope, scopeKeyPart } from "./scope-kind";

/** What a cached answer is about. */
export interface MetricsCacheKey {
  orgId: string;
  scope: MetricsScope;
  /** The endpoint: "dashboard", "activity", "statistics", "trend", ... */
  endpoint: string;
  /** The inputs that change the answer (written sorted, so their order does not matter). */
  params?: Record<string, string | number | boolean | null | undefined>;
}

export interface CachedAnswer<T> {
  value: T;
  /** Whether the answer was read from the cache (waiting for another request's computation is a miss). */
  hit: boolean;
  /** When the answer was computed. */
  generatedAt: Date;
  /** The key, as `cache_metadata.cache_key` shows it. */
  key: string;
}

export interface MetricsCache {
  getOrCompute<T>(
    key: MetricsCacheKey,
    ttlSeconds: number,
    compute: () => Promise<T>,
    opts?: { force?: boolean },
  ): Promise<CachedAnswer<T>>;
  /** Drops every answer cached for the organization; resolves to how many were live. */
  invalidateOrganization(orgId: string): Promise<number>;
  /**
   * Drops the organization-scope answers and those of the teachers named (the scopes an event can
   * change); other teachers' answers stay. Resolves to the number of scopes invalidated.
   */
  invalidateScopes(orgId: string, teacherIds: readonly string[]): Promise<number>;
  /** This instance's lookups since it was created. */
  stats(): { hits: number; misses: number };
}

export interface MetricsCacheOptions {
  redis?: Redis | null;
  /** Prepended to every Redis key (tests use one per file). */
  prefix?: string;
  now?: () => Date;
  /** How long a lock holder may compute before others stop waiting for it (default 30 s). */
  lockMs?: number;
  /** How often waiters look for the holder's answer (default 15 ms). */
  pollMs?: number;
}

/** The key as clients see it. */
export function metricsCacheKey(key: MetricsCacheKey): string {
  const params = Object.entries(key.params ?? {})
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, v]) => `${k}=${String(v)}`)
    .join("&");
  return `metrics:v1:${key.orgId}:${scopeKeyPart(key.scope)}${rosterPart(key.scope)}:${key.endpoint}:${params}`;
}

/** A teacher's classes and students, as a short digest (empty for the organization). */
function rosterPart(scope: MetricsScope): string {
  if (scope.kind === "organization") return "";
  const roster = `${[...scope.classIds].sort().join(",")}|${[...scope.studentIds].sort().join(",")}`;
  return `:r=${createHash("sha256").update(roster).digest("base64url").slice(0, 12)}`;
}

interface Entry<T = unknown> {
  /** The generations the answer was computed under: `{organization}.{scope}`. */
  g: string;
  /** When it was computed (ms). */
  at: number;
  /** When it was stored (ms). */
  st: number;
  v: T;
}

const CACHE_LABEL = { cache: "metrics" } as const;
const INDEX_TTL_MS = 24 * 3600 * 1000;

/** JSON that keeps Dates (answers hold `timestamp`s and the like): `{ "$date": iso }` on the wire. */
function encode(entry: Entry): string {
  return JSON.stringify(entry, function (this: Record<string, unknown>, key, value) {
    const raw = this[key];
    return raw instanceof Date ? { $date: raw.toISOString() } : value;
  });
}
function decode<T>(raw: string): Entry<T> {
  return JSON.parse(raw, (_key, value) =>
    value && typeof value === "object" && typeof value.$date === "string" && Object.keys(value).length === 1
      ? new Date(value.$date)
      : value,
  ) as Entry<T>;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function createMetricsCache(options: MetricsCacheOptions = {}): MetricsCache {
  const counts = { hits: 0, misses: 0 };
  const clock = options.now ?? (() => new Date());
  const count = (hit: boolean) => {
    const metrics = platformMetrics();
    if (hit) {
      counts.hits++;
      metrics.redisCacheHitsTotal.inc(CACHE_LABEL);
    } else {
      counts.misses++;
      metrics.redisCacheMissesTotal.inc(CACHE_LABEL);
    }
  };
  const store = options.redis
    ? redisStore(options.redis, options.prefix ?? "", clock, options.lockMs ?? 30_000, options.pollMs ?? 15)
    : memoryStore(clock);
  // Within the process: one computation (or one wait for another instance's) per key.
  const inflight = new Map<string, Promise<CachedAnswer<unknown>>>();

  return {
    async getOrCompute<T>(
      key: MetricsCacheKey,
      ttlSeconds: number,
      compute: () => Promise<T>,
      opts?: { force?: boolean },
    ) {
      const id = metricsCacheKey(key);
      const force = !!opts?.force;
      const started = clock().getTime();
      const scope = scopeKeyPart(key.scope);
      const { generation, entry } = await store.read<T>(key.orgId, scope, id);
      if (entry && !force) {
        count(true);
        return { value: entry.v, hit: true, generatedAt: new Date(entry.at), key: id };
      }
      // One computation (or one wait for another instance's) per key and generation in this
      // process; a forced refresh joins one already running.
      const slot = `${id}#${generation}`;
      let work = inflight.get(slot) as Promise<CachedAnswer<T>> | undefined;
      if (!work) {
        work = store
          .computeOnce<T>(key.orgId, scope, id, generation, ttlSeconds, compute, { force, since: started })
          .then((r): CachedAnswer<T> => ({ value: r.entry.v, hit: false, generatedAt: new Date(r.entry.at), key: id }));
        const running = work;
        inflight.set(slot, running);
        running.then(
          () => inflight.delete(slot),
          () => inflight.delete(slot),
        );
      }
      // Computed here or by another request (in this process or another instance): not a hit.
      const answer = await work;
      count(false);
      return answer;
    },
    invalidateOrganization: (orgId) => store.invalidate(orgId),
    invalidateScopes: (orgId, teacherIds) =>
      store.invalidateScopes(
        orgId,
        ["org", ...new Set(teacherIds)].map((t) => (t === "org" ? t : `teacher:${t}`)),
      ),
    stats: () => ({ ...counts }),
  };
}

interface Store {
  /** The generation tag of the organization and scope, and the live answer stored under it, if any. */
  read<T>(orgId: string, scope: string, id: string): Promise<{ generation: string; entry: Entry<T> | null }>;
  /**
   * Computes and stores the answer, unless another instance is already computing it: then waits
   * for theirs (`shared`). With `force`, only an answer stored after `since` is taken.
   */
  computeOnce<T>(
    orgId: string,
    scope: string,
    id: string,
    generation: string,
    ttlSeconds: number,
    compute: () => Promise<T>,
    opts: { force: boolean; since: number },
  ): Promise<{ entry: Entry<T>; shared: boolean }>;
  invalidate(orgId: string): Promise<number>;
  /** Bumps the generations of these scope parts ("org", "teacher:<id>"); resolves to their number. */
  invalidateScopes(orgId: string, scopes: string[]): Promise<number>;
}

function memoryStore(clock: () => Date): Store {
  // Per organization: its own generation ("all") and each scope's.
  const generations = new Map<string, number>();
  const entries = new Map<string, { orgId: string; expiresAt: number; entry: Entry }>();
  const gen = (orgId: string, part: string) => generations.get(`${orgId}|${part}`) ?? 0;
  const tag = (orgId: string, scope: string) => `${gen(orgId, "all")}.${gen(orgId, scope)}`;
  const live = (id: string, generation: string) => {
    const slot = entries.get(id);
    if (!slot) return null;
    if (slot.expiresAt <= clock().getTime()) {
      entries.delete(id);
      return null;
    }
    return slot.entry.g === generation ? slot.entry : null;
  };
  return {
    async read<T>(orgId: string, scope: string, id: string) {
      const generation = tag(orgId, scope);
      return { generation, entry: live(id, generation) as Entry<T> | null };
    },
    async computeOnce<T>(
      orgId: string,
      _scope: string,
      id: string,
      generation: string,
      ttlSeconds: number,
      compute: () => Promise<T>,
    ) {
      const at = clock().getTime();
      const v = await compute();
      const entry: Entry<T> = { g: generation, at, st: clock().getTime(), v };
      entries.set(id, { orgId, expiresAt: at + ttlSeconds * 1000, entry });
      return { entry, shared: false };
    },
    async invalidate(orgId: string) {
      let dropped = 0;
      for (const [id, slot] of entries) {
        if (slot.orgId !== orgId) continue;
        if (slot.expiresAt > clock().getTime()) dropped++;
        entries.delete(id);
      }
      generations.set(`${orgId}|all`, gen(orgId, "all") + 1);
      return dropped;
    },
    async invalidateScopes(orgId: string, scopes: string[]) {
      for (const scope of scopes) generations.set(`${orgId}|${scope}`, gen(orgId, scope) + 1);
      return scopes.length;
    },
  };
}

// Drops the organization's index of live answers and bumps its generation, in one step.
const INVALIDATE_SCRIPT = `
local n = redis.call('ZCOUNT', KEYS[2], ARGV[1], '+inf')
redis.call('DEL', KEYS[2])
redis.call('INCR', KEYS[1])
return n`;
// Releases a lock only if this holder still owns it.
const UNLOCK_SCRIPT = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`;
/** How long a scope's generation counter outlives its last bump (longer than any TTL). */
const GENERATION_TTL_MS = 7 * 24 * 3600 * 1000;

function redisStore(redis: Redis, prefix: string, clock: () => Date, lockMs: number, pollMs: number): Store {
  const genKey = (orgId: string, part = "all") =>
    part === "all" ? `${prefix}metrics:v1:${orgId}:generation` : `${prefix}metrics:v1:${orgId}:generation:${part}`;
  const indexKey = (orgId: string) => `${prefix}metrics:v1:${orgId}:index`;
  const valueKey = (id: string) => `${prefix}${id}`;
  const lockKey = (id: string, generation: string) => `${prefix}${id}:lock:${generation}`;
  const tagOf = (all: string | null | undefined, scope: string | null | undefined) =>
    `${Number(all ?? 0)}.${Number(scope ?? 0)}`;
  const parse = <T>(raw: string | null, generation: string): Entry<T> | null => {
    if (!raw) return null;
    try {
      const entry = decode<T>(raw);
      return entry.g === generation ? entry : null;
    } catch {
      return null;
    }
  };

  const computeAndStore = async <T>(
    orgId: string,
    id: string,
    generation: string,
    ttlSeconds: number,
    compute: () => Promise<T>,
  ): Promise<Entry<T>> => {
    const at = clock().getTime();
    const v = await compute();
    const st = clock().getTime();
    const entry: Entry<T> = { g: generation, at, st, v };
    const ttlMs = Math.max(1, Math.ceil(ttlSeconds * 1000));
    await redis
      .multi()
      .set(valueKey(id), encode(entry), "PX", ttlMs)
      .zadd(indexKey(orgId), Date.now() + ttlMs, valueKey(id))
      .zremrangebyscore(indexKey(orgId), "-inf", Date.now())
      .pexpire(indexKey(orgId), INDEX_TTL_MS)
      .exec();
    return entry;
  };

  return {
    async read<T>(orgId: string, scope: string, id: string) {
      const [all, own, raw] = await redis.mget(genKey(orgId), genKey(orgId, scope), valueKey(id));
      const generation = tagOf(all, own);
      return { generation, entry: parse<T>(raw ?? null, generation) };
    },

    async computeOnce<T>(
      orgId: string,
      scope: string,
      id: string,
      generation: string,
      ttlSeconds: number,
      compute: () => Promise<T>,
      opts: { force: boolean; since: number },
    ) {
      const token = `${process.pid}:${Math.random().toString(36).slice(2)}`;
      const deadline = Date.now() + lockMs;
      let current = generation;
      for (;;) {
        const lock = lockKey(id, current);
        const acquired = await redis.set(lock, token, "PX", lockMs, "NX");
        if (acquired === "OK") {
          try {
            return { entry: await computeAndStore(orgId, id, current, ttlSeconds, compute), shared: false };
          } finally {
            await redis.eval(UNLOCK_SCRIPT, 1, lock, token).catch(() => undefined);
          }
        }
        // Another instance is computing: wait for its answer, or for its lock to go.
        for (;;) {
          if (Date.now() >= deadline) {
            // The holder is stuck: answer anyway rather than wait without end.
            return { entry: await computeAndStore(orgId, id, current, ttlSeconds, compute), shared: false };
          }
          await sleep(pollMs);
          const [all, own, raw, held] = await redis.mget(genKey(orgId), genKey(orgId, scope), valueKey(id), lock);
          const now = tagOf(all, own);
          const entry = parse<T>(raw ?? null, now);
          const fresh = entry && (!opts.force || entry.st >= opts.since);
          if (fresh) return { entry, shared: true };
          if (now !== current) {
            current = now; // invalidated meanwhile: the holder's answer is stale
            break;
          }
          if (!held) break; // the holder finished without a usable answer (failed): try to take over
        }
      }
    },

    async invalidate(orgId: string) {
      const dropped = await redis.eval(INVALIDATE_SCRIPT, 2, genKey(orgId), indexKey(orgId), Date.now());
      return Number(dropped);
    },

    async invalidateScopes(orgId: string, scopes: string[]) {
      const multi = redis.multi();
      for (const scope of scopes) multi.incr(genKey(orgId, scope)).pexpire(genKey(orgId, scope), GENERATION_TTL_MS);
      await multi.exec();
      return scopes.length;
    },
  };
}
