// The metrics cache in this process's memory (no Redis): bounded, so a long-running process does
// not keep every answer it ever computed.
//
// - Answers are kept in least-recently-used order, at most `maxEntries` of them: a write past the
//   bound drops the least recently used. Expired answers are swept on write (at most once a
//   second, and always before dropping a live one for room).
// - Invalidation deletes the answers it concerns at once, and bumps generations (so a computation
//   that was running meanwhile does not store its stale answer). Generations are bounded too, least
//   recently bumped dropped first: dropping one deletes the answers computed under it (so none can
//   match it again) and keeps no answer whose computation was running meanwhile.
import type { Entry, Store } from "./cache-store";

export interface MemoryStoreOptions {
  /** The most answers kept (default 5,000); also bounds the generations kept. */
  maxEntries?: number;
}

const SWEEP_EVERY_MS = 1000;

interface Slot {
  orgId: string;
  scope: string;
  expiresAt: number;
  entry: Entry;
}

export function memoryStore(clock: () => Date, options: MemoryStoreOptions = {}): Store & { size(): number } {
  const max = Math.max(1, options.maxEntries ?? 5000);
  // Per organization: its own generation ("all") and each scope's; values from one sequence.
  const generations = new Map<string, number>();
  let sequence = 0;
  /** Generations dropped so far: a computation that saw one dropped does not keep its answer. */
  let dropsSoFar = 0;
  const entries = new Map<string, Slot>();
  let lastSweep = 0;

  const drop = (matches: (slot: Slot) => boolean) => {
    const now = clock().getTime();
    let dropped = 0;
    for (const [id, slot] of entries) {
      if (!matches(slot)) continue;
      if (slot.expiresAt > now) dropped++;
      entries.delete(id);
    }
    return dropped;
  };

  const gen = (orgId: string, part: string) => generations.get(`${orgId}|${part}`) ?? 0;
  const bump = (orgId: string, part: string) => {
    const name = `${orgId}|${part}`;
    generations.delete(name); // re-inserted last: the map's order is least recently bumped first
    generations.set(name, ++sequence);
    while (generations.size > max) {
      const oldest = generations.keys().next().value as string;
      generations.delete(oldest);
      dropsSoFar++;
      const [dropOrg, dropPart] = oldest.split("|") as [string, string];
      drop((slot) => slot.orgId === dropOrg && (dropPart === "all" || slot.scope === dropPart));
    }
  };
  const tag = (orgId: string, scope: string) => `${gen(orgId, "all")}.${gen(orgId, scope)}`;
  const sweep = (now: number) => {
    lastSweep = now;
    for (const [id, slot] of entries) if (slot.expiresAt <= now) entries.delete(id);
  };
  const live = (id: string, generation: string) => {
    const slot = entries.get(id);
    if (!slot) return null;
    if (slot.expiresAt <= clock().getTime() || slot.entry.g !== generation) {
      entries.delete(id);
      return null;
    }
    entries.delete(id); // most recently used goes last
    entries.set(id, slot);
    return slot.entry;
  };
  return {
    size: () => entries.size,
    async read<T>(orgId: string, scope: string, id: string) {
      const generation = tag(orgId, scope);
      return { generation, entry: live(id, generation) as Entry<T> | null };
    },
    async computeOnce<T>(
      orgId: string,
      scope: string,
      id: string,
      generation: string,
      ttlSeconds: number,
      compute: () => Promise<T>,
    ) {
      const at = clock().getTime();
      const drops = dropsSoFar;
      const v = await compute();
      const now = clock().getTime();
      const entry: Entry<T> = { g: generation, at, st: now, v };
      // Invalidated while computing: answer it to this lookup, but do not keep it.
      if (tag(orgId, scope) !== generation || dropsSoFar !== drops) return { entry, shared: false };
      entries.delete(id);
      entries.set(id, { orgId, scope, expiresAt: at + ttlSeconds * 1000, entry });
      if (now - lastSweep >= SWEEP_EVERY_MS) sweep(now);
      if (entries.size > max) sweep(now);
      while (entries.size > max) entries.delete(entries.keys().next().value as string);
      return { entry, shared: false };
    },
    async invalidate(orgId: string) {
      const dropped = drop((slot) => slot.orgId === orgId);
      bump(orgId, "all");
      return dropped;
    },
    async invalidateScopes(orgId: string, scopes: string[]) {
      const named = new Set(scopes);
      drop((slot) => slot.orgId === orgId && named.has(slot.scope));
      for (const scope of named) bump(orgId, scope);
      return scopes.length;
    },
  };
}
