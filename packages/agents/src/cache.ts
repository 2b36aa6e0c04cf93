// The response cache: a valid answer to the exact same prompt, from the same provider and model,
// within one organization, is reused instead of calling the model again. In memory per process,
// or in Redis shared by every process.
import { createHash } from "node:crypto";
import type { Redis } from "ioredis";
import type { ChatMessage } from "./types";

export interface ResponseCache {
  get(key: string): Promise<unknown | undefined>;
  set(key: string, value: unknown): Promise<void>;
  stats(): Promise<{ hits: number; misses: number; entries?: number }>;
}

export interface CacheKeyParts {
  /** The organization id: first in the key, so two organizations never share an entry. */
  scope: string;
  provider: string;
  model: string;
  agent: string;
  messages: ChatMessage[];
}

/** JSON with object keys sorted at every level, so equal values always give equal text. */
export function stableStringify(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value) ?? "null";
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? "null" : stableStringify(v))).join(",")}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined && typeof v !== "function")
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableStringify(v)}`).join(",")}}`;
}

/** sha256 (hex) of the scope, then the other parts as stable JSON. */
export function cacheKey(parts: CacheKeyParts): string {
  if (!parts.scope) throw new Error("cacheKey needs a scope (the organization id)");
  const { scope, ...rest } = parts;
  return createHash("sha256")
    .update(`[${JSON.stringify(scope)},${stableStringify(rest)}]`)
    .digest("hex");
}

export interface MemoryCacheOptions {
  maxEntries?: number;
  ttlMs?: number;
  /** For tests. */
  now?: () => number;
}

/** An LRU map with a time to live, for one process. Values are copied in and out. */
export function createMemoryCache(options: MemoryCacheOptions = {}): ResponseCache {
  const maxEntries = Math.max(1, options.maxEntries ?? 500);
  const ttlMs = options.ttlMs ?? 24 * 60 * 60 * 1000;
  const now = options.now ?? Date.now;
  // A Map iterates in insertion order: re-inserting on every read keeps the least recently used first.
  const entries = new Map<string, { value: unknown; expiresAt: number }>();
  let hits = 0;
  let misses = 0;

  return {
    async get(key) {
      const entry = entries.get(key);
      if (!entry || entry.expiresAt <= now()) {
        if (entry) entries.delete(key);
        misses += 1;
        return undefined;
      }
      entries.delete(key);
      entries.set(key, entry);
      hits += 1;
      return structuredClone(entry.value);
    },
    async set(key, value) {
      entries.delete(key);
      entries.set(key, { value: structuredClone(value), expiresAt: now() + ttlMs });
      while (entries.size > maxEntries) {
        const oldest = entries.keys().next();
        if (oldest.done) break;
        entries.delete(oldest.value);
      }
    },
    async stats() {
      const t = now();
      for (const [key, entry] of entries) if (entry.expiresAt <= t) entries.delete(key);
      return { hits, misses, entries: entries.size };
    },
  };
}

export interface RedisCacheOptions {
  prefix?: string;
  ttlSeconds?: number;
}

/**
 * Entries as JSON under `${prefix}:entry:${key}` with a TTL; hits and misses counted with INCR in
 * `${prefix}:stats:hits` and `${prefix}:stats:misses`, shared by every process.
 */
export function createRedisCache(redis: Redis, options: RedisCacheOptions = {}): ResponseCache {
  const prefix = options.prefix ?? "toolboxai:agents:cache";
  const ttlSeconds = Math.max(1, Math.floor(options.ttlSeconds ?? 86_400));
  const entryKey = (key: string) => `${prefix}:entry:${key}`;
  const hitsKey = `${prefix}:stats:hits`;
  const missesKey = `${prefix}:stats:misses`;

  return {
    async get(key) {
      const raw = await redis.get(entryKey(key));
      if (raw === null) {
        await redis.incr(missesKey);
        return undefined;
      }
      let value: unknown;
      try {
        value = JSON.parse(raw);
      } catch {
        // Not ours, or damaged: drop it.
        await redis.del(entryKey(key));
        await redis.incr(missesKey);
        return undefined;
      }
      await redis.incr(hitsKey);
      return value;
    },
    async set(key, value) {
      await redis.set(entryKey(key), JSON.stringify(value), "EX", ttlSeconds);
    },
    async stats() {
      const [hits, misses] = await redis.mget(hitsKey, missesKey);
      return { hits: Number(hits ?? 0), misses: Number(misses ?? 0) };
    },
  };
}
