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
//   across instances (a Redis lock, `SET NX PX`; the others poll for the answer with backoff; when
//   a stuck holder's lock expires, one waiter takes it over and the rest keep waiting, within a
//   bound).
//   A forced refresh while a computation is in flight waits for that one instead of starting
//   another. Only an answer read from the cache is a hit: one that waited for another request's
//   computation is a miss (`cache_hit: false`), as it did not find a cached answer.
// - Every lookup counts a hit or a miss, here (`stats()`) and in Prometheus
//   (redis_cache_hits_total / redis_cache_misses_total, cache="metrics").
// - A Redis outage degrades the cache instead of failing requests: while a Redis call fails,
//   answers are computed without the shared cache (a miss; in-process single-flight still holds)
//   and invalidations are skipped; one warning is logged per outage (the client's connection
//   errors included, so ioredis prints none itself) and one line when Redis is back.
import { createHash } from "node:crypto";
import { platformMetrics } from "@toolboxai/observability/metrics";
import type { Redis } from "ioredis";
import pino, { type Logger } from "pino";
import { correlationLogFields } from "../correlation/scope";
import { memoryStore } from "./cache-memory";
import type { Entry, Store } from "./cache-store";
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
  /** How soon waiters first look for the holder's answer (default 15 ms); doubled each look. */
  pollMs?: number;
  /** The longest pause between a waiter's looks (default 250 ms). */
  maxPollMs?: number;
  /** In memory (no Redis): the most answers kept, least recently used dropped first (default 5,000). */
  maxEntries?: number;
  /** Where the outage warning goes (default: the metrics logger). */
  logger?: Pick<Logger, "warn" | "info">;
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

const defaultLog = pino({ base: { service: "metrics" }, mixin: correlationLogFields });

/** Tracks whether Redis is reachable: one warning when it goes, one line when it is back. */
function outageTracker(logger: Pick<Logger, "warn" | "info">) {
  let down = false;
  return {
    get down() {
      return down;
    },
    failed(error: unknown) {
      if (down) return;
      down = true;
      logger.warn(
        { err: error },
        "metrics cache: Redis is unreachable; answers are computed without the shared cache until it returns",
      );
    },
    ok() {
      if (!down) return;
      down = false;
      logger.info("metrics cache: Redis is back; answers are shared again");
    },
  };
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
    ? redisStore(
        options.redis,
        options.prefix ?? "",
        clock,
        options.lockMs ?? 30_000,
        options.pollMs ?? 15,
        Math.max(options.pollMs ?? 15, options.maxPollMs ?? 250),
      )
    : memoryStore(clock, { maxEntries: options.maxEntries });
  const outage = outageTracker(options.logger ?? defaultLog);
  if (options.redis) {
    // ioredis reports connection errors as events; without a listener it prints a stack per retry.
    options.redis.on("error", (error: unknown) => outage.failed(error));
    options.redis.on("ready", () => outage.ok());
  }
  // Within the process: one computation (or one wait for another instance's) per key.
  const inflight = new Map<string, Promise<CachedAnswer<unknown>>>();
  const once = <T>(slot: string, run: () => Promise<CachedAnswer<T>>): Promise<CachedAnswer<T>> => {
    let work = inflight.get(slot) as Promise<CachedAnswer<T>> | undefined;
    if (!work) {
      const running = run();
      work = running;
      inflight.set(slot, running);
      running.then(
        () => inflight.delete(slot),
        () => inflight.delete(slot),
      );
    }
    return work;
  };
  /** Redis failed: the answer is computed here, shared with this process's concurrent lookups only. */
  const computeUnshared = <T>(id: string, compute: () => Promise<T>): Promise<CachedAnswer<T>> =>
    once(`${id}#unshared`, async () => {
      const at = clock().getTime();
      const value = await compute();
      return { value, hit: false, generatedAt: new Date(at), key: id };
    });
  /** Redis calls that may fail: an outage is logged once and answers `fallback`. */
  const guarded = async <R>(call: () => Promise<R>, fallback: R): Promise<R> => {
    try {
      const result = await call();
      outage.ok();
      return result;
    } catch (error) {
      outage.failed(error);
      return fallback;
    }
  };

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
      let read: Awaited<ReturnType<Store["read"]>>;
      try {
        read = await store.read<T>(key.orgId, scope, id);
        outage.ok();
      } catch (error) {
        outage.failed(error);
        const answer = await computeUnshared(id, compute);
        count(false);
        return answer;
      }
      const { generation } = read;
      const entry = read.entry as Entry<T> | null;
      if (entry && !force) {
        count(true);
        return { value: entry.v, hit: true, generatedAt: new Date(entry.at), key: id };
      }
      // One computation (or one wait for another instance's) per key and generation in this
      // process; a forced refresh joins one already running.
      const answer = await once<T>(`${id}#${generation}`, async () => {
        // Tells a failing Redis call apart from a failing computation (which is the caller's error).
        let computed: { value: T; at: number } | undefined;
        let computing = false;
        const tracked = async () => {
          computing = true;
          const at = clock().getTime();
          const value = await compute();
          computed = { value, at };
          return value;
        };
        try {
          const r = await store.computeOnce<T>(key.orgId, scope, id, generation, ttlSeconds, tracked, {
            force,
            since: started,
          });
          outage.ok();
          return { value: r.entry.v, hit: false, generatedAt: new Date(r.entry.at), key: id };
        } catch (error) {
          if (computed) {
            // Computed, but Redis failed to store it: answer it all the same.
            outage.failed(error);
            return { value: computed.value, hit: false, generatedAt: new Date(computed.at), key: id };
          }
          if (computing) throw error;
          outage.failed(error);
          return computeUnshared(id, compute);
        }
      });
      // Computed here or by another request (in this process or another instance): not a hit.
      count(false);
      return answer;
    },
    // While Redis is down there is nothing shared to drop: answers are computed afresh meanwhile.
    invalidateOrganization: (orgId) => guarded(() => store.invalidate(orgId), 0),
    invalidateScopes: (orgId, teacherIds) =>
      guarded(
        () =>
          store.invalidateScopes(
            orgId,
            ["org", ...new Set(teacherIds)].map((t) => (t === "org" ? t : `teacher:${t}`)),
          ),
        0,
      ),
    stats: () => ({ ...counts }),
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

function redisStore(
  redis: Redis,
  prefix: string,
  clock: () => Date,
  lockMs: number,
  pollMs: number,
  maxPollMs: number,
): Store {
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
      // A stuck holder's lock expires after lockMs; waiters then race for it (SET NX), so one of
      // them computes and the others keep waiting for its answer. Past `giveUp` (three locks'
      // time, e.g. Redis keeps answering "held"), a waiter answers by itself.
      const giveUp = Date.now() + 3 * lockMs;
      let current = generation;
      let delay = pollMs;
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
        // Another instance is computing: wait for its answer, or for its lock to go (it finished
        // without an answer, or its lock expired): then try to take the lock.
        for (;;) {
          if (Date.now() >= giveUp) {
            return { entry: await computeAndStore(orgId, id, current, ttlSeconds, compute), shared: false };
          }
          await sleep(delay);
          delay = Math.min(delay * 2, maxPollMs);
          const [all, own, raw, held] = await redis.mget(genKey(orgId), genKey(orgId, scope), valueKey(id), lock);
          const now = tagOf(all, own);
          const entry = parse<T>(raw ?? null, now);
          const fresh = entry && (!opts.force || entry.st >= opts.since);
          if (fresh) return { entry, shared: true };
          if (now !== current) {
            current = now; // invalidated meanwhile: the holder's answer is stale
            break;
          }
          if (!held) break;
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
