// The response cache: keys that never cross organizations, the in-memory LRU with a TTL, and the
// Redis cache shared by processes (on a real Redis when REDIS_URL is set; CI must set it).
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type CacheKeyParts, cacheKey, createMemoryCache, createRedisCache, stableStringify } from "./cache";

const redisUrl = process.env.REDIS_URL;
if (process.env.CI && !redisUrl)
  throw new Error("CI must set REDIS_URL: the Redis response cache tests need a real Redis");

const parts: CacheKeyParts = {
  scope: "org-a",
  provider: "openai",
  model: "gpt-4o-mini",
  agent: "quiz",
  messages: [
    { role: "system", content: "You write quizzes." },
    { role: "user", content: "A quiz on tides." },
  ],
};

describe("cacheKey", () => {
  it("is a sha256 hex digest", () => {
    expect(cacheKey(parts)).toMatch(/^[0-9a-f]{64}$/);
  });

  it("is stable: the same parts in any key order give the same key", () => {
    const reordered = {
      messages: parts.messages,
      agent: "quiz",
      model: "gpt-4o-mini",
      provider: "openai",
      scope: "org-a",
    };
    expect(cacheKey(reordered)).toBe(cacheKey(parts));
  });

  it("differs by organization, provider, model, agent and messages", () => {
    const keys = new Set([
      cacheKey(parts),
      cacheKey({ ...parts, scope: "org-b" }),
      cacheKey({ ...parts, provider: "offline" }),
      cacheKey({ ...parts, model: "gpt-4o" }),
      cacheKey({ ...parts, agent: "content" }),
      cacheKey({ ...parts, messages: [...parts.messages, { role: "user", content: "More." }] }),
    ]);
    expect(keys.size).toBe(6);
  });

  it("needs a scope", () => {
    expect(() => cacheKey({ ...parts, scope: "" })).toThrow(/scope/);
  });

  it("serializes objects with sorted keys", () => {
    expect(stableStringify({ b: 1, a: { d: [2, { f: 1, e: 0 }], c: null } })).toBe(
      '{"a":{"c":null,"d":[2,{"e":0,"f":1}]},"b":1}',
    );
  });
});

describe("the memory cache", () => {
  it("counts a miss, then a hit for a stored value", async () => {
    const cache = createMemoryCache();
    expect(await cache.get("k")).toBeUndefined();
    await cache.set("k", { answer: 1 });
    expect(await cache.get("k")).toEqual({ answer: 1 });
    expect(await cache.stats()).toEqual({ hits: 1, misses: 1, entries: 1 });
  });

  it("hands out copies, so a caller cannot change what is stored", async () => {
    const cache = createMemoryCache();
    const value = { items: ["a"] };
    await cache.set("k", value);
    value.items.push("b");
    const read = (await cache.get("k")) as { items: string[] };
    read.items.push("c");
    expect(await cache.get("k")).toEqual({ items: ["a"] });
  });

  it("evicts the least recently used entry beyond maxEntries", async () => {
    const cache = createMemoryCache({ maxEntries: 2 });
    await cache.set("a", 1);
    await cache.set("b", 2);
    await cache.get("a"); // "b" is now the least recently used.
    await cache.set("c", 3);
    expect(await cache.get("b")).toBeUndefined();
    expect(await cache.get("a")).toBe(1);
    expect(await cache.get("c")).toBe(3);
    expect((await cache.stats()).entries).toBe(2);
  });

  it("expires entries after ttlMs", async () => {
    let now = 1_000;
    const cache = createMemoryCache({ ttlMs: 100, now: () => now });
    await cache.set("k", "v");
    now += 99;
    expect(await cache.get("k")).toBe("v");
    now += 1;
    expect(await cache.get("k")).toBeUndefined();
    expect(await cache.stats()).toEqual({ hits: 1, misses: 1, entries: 0 });
  });

  it("keeps organizations apart: the same prompt for two organizations is two misses", async () => {
    const cache = createMemoryCache();
    await cache.set(cacheKey(parts), { answer: "for org-a" });
    expect(await cache.get(cacheKey({ ...parts, scope: "org-b" }))).toBeUndefined();
    expect(await cache.get(cacheKey({ ...parts, scope: "org-c" }))).toBeUndefined();
    expect(await cache.stats()).toMatchObject({ hits: 0, misses: 2 });
  });
});

describe.runIf(redisUrl)("the Redis cache", () => {
  // A dedicated prefix per run; only its keys are deleted afterwards (never FLUSHALL / FLUSHDB).
  const prefix = `test:agents:cache:${process.pid}:${Date.now().toString(36)}`;
  let redis: Redis;

  beforeAll(() => {
    redis = new Redis(redisUrl ?? "", { maxRetriesPerRequest: 2 });
  });
  afterAll(async () => {
    if (!redis) return;
    let cursor = "0";
    do {
      const [next, keys] = await redis.scan(cursor, "MATCH", `${prefix}*`, "COUNT", 500);
      cursor = next;
      if (keys.length > 0) await redis.del(...keys);
    } while (cursor !== "0");
    redis.disconnect();
  });

  it("counts a miss, then a hit for a stored value, with INCR under the prefix", async () => {
    const cache = createRedisCache(redis, { prefix: `${prefix}:a` });
    expect(await cache.get("k")).toBeUndefined();
    await cache.set("k", { answer: { title: "Tides" }, model: "m" });
    expect(await cache.get("k")).toEqual({ answer: { title: "Tides" }, model: "m" });
    expect(await cache.stats()).toEqual({ hits: 1, misses: 1 });
    expect(await redis.mget(`${prefix}:a:stats:hits`, `${prefix}:a:stats:misses`)).toEqual(["1", "1"]);
  });

  it("stores JSON with an expiry", async () => {
    const cache = createRedisCache(redis, { prefix: `${prefix}:b`, ttlSeconds: 60 });
    await cache.set("k", [1, "two"]);
    const key = `${prefix}:b:entry:k`;
    expect(await redis.get(key)).toBe('[1,"two"]');
    const ttl = await redis.ttl(key);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(60);
  });

  it("is shared by every process using the same prefix", async () => {
    const one = createRedisCache(redis, { prefix: `${prefix}:c` });
    const two = createRedisCache(redis, { prefix: `${prefix}:c` });
    await one.set("k", "shared");
    expect(await two.get("k")).toBe("shared");
    expect(await one.stats()).toEqual({ hits: 1, misses: 0 });
  });

  it("keeps organizations apart: the same prompt for two organizations is two misses", async () => {
    const cache = createRedisCache(redis, { prefix: `${prefix}:d` });
    await cache.set(cacheKey(parts), "for org-a");
    expect(await cache.get(cacheKey({ ...parts, scope: "org-b" }))).toBeUndefined();
    expect(await cache.get(cacheKey({ ...parts, scope: "org-c" }))).toBeUndefined();
    expect(await cache.get(cacheKey(parts))).toBe("for org-a");
    expect(await cache.stats()).toEqual({ hits: 1, misses: 2 });
  });

  it("treats a damaged entry as a miss and drops it", async () => {
    const cache = createRedisCache(redis, { prefix: `${prefix}:e` });
    await redis.set(`${prefix}:e:entry:k`, "{not json");
    expect(await cache.get("k")).toBeUndefined();
    expect(await redis.exists(`${prefix}:e:entry:k`)).toBe(0);
  });
});
