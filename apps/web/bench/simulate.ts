// The hit-rate scenario: `users` people (admins and teachers, each with their own API key) keep a
// dashboard open and reload it every `loadEveryMinutes` (±25%; the first load at a random moment
// of the first interval, so every key's cold start is counted), while some of the teachers publish
// and unpublish their lessons through the REST API, a few writes a simulated minute (each changes
// the organization's numbers and the writer's own, so it invalidates those answers). Time is
// compressed: one simulated minute lasts `minuteMs` of real time. The hit rate is what the
// responses say (cache_metadata.cache_hit), and each miss is told apart: the first lookup of its
// key in the run (cold), the first after any write (invalidated; a write that did not touch the key
// is counted here too), or neither (expired, or waited for another request's computation).

export interface Caller {
  key: string;
  role: "ADMIN" | "TEACHER";
}

export interface SimulationOptions {
  url: string;
  callers: Caller[];
  /** Writers: a key and the content ids it publishes and unpublishes in turn. */
  writers: Array<{ key: string; contentIds: string[] }>;
  minuteMs: number;
  simulatedMinutes: number;
  /** A user loads about once per this many simulated minutes (±25% jitter). */
  loadEveryMinutes: number;
  /** One write per this many simulated seconds. */
  writeEverySeconds: number;
}

export interface SimulationResult {
  lookups: number;
  hits: number;
  misses: { cold: number; invalidated: number; other: number };
  writes: number;
  writeFailures: number;
  statuses: Map<number, number>;
  latencies: number[];
  realSeconds: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, Math.max(0, ms)));

interface Dashboard {
  cache_metadata?: { cache_hit?: boolean; cache_key?: string };
}

export async function simulate(options: SimulationOptions): Promise<SimulationResult> {
  const total = options.simulatedMinutes * options.minuteMs;
  const every = options.loadEveryMinutes * options.minuteMs;
  const statuses = new Map<number, number>();
  const latencies: number[] = [];
  const result: SimulationResult = {
    lookups: 0,
    hits: 0,
    misses: { cold: 0, invalidated: 0, other: 0 },
    writes: 0,
    writeFailures: 0,
    statuses,
    latencies,
    realSeconds: 0,
  };
  // Per cache key: the write count when it was last looked up (a write since then explains a miss).
  const seen = new Map<string, number>();
  let writesDone = 0;
  const started = performance.now();
  const elapsed = () => performance.now() - started;

  const loadLoop = async (caller: Caller) => {
    // The first load somewhere in the first interval, then one every interval ± 25%.
    let at = Math.random() * every;
    while (at < total) {
      await sleep(at - elapsed());
      const writesBefore = writesDone;
      const t0 = performance.now();
      const res = await fetch(`${options.url}/api/v1/metrics/dashboard`, {
        headers: { authorization: `Bearer ${caller.key}` },
      });
      const text = await res.text();
      latencies.push(performance.now() - t0);
      statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
      if (res.status === 200) {
        const meta = (JSON.parse(text) as Dashboard).cache_metadata;
        const key = meta?.cache_key ?? "?";
        result.lookups += 1;
        if (meta?.cache_hit) result.hits += 1;
        else if (!seen.has(key)) result.misses.cold += 1;
        else if ((seen.get(key) ?? 0) < writesBefore) result.misses.invalidated += 1;
        else result.misses.other += 1;
        seen.set(key, writesDone);
      }
      at += every * (0.75 + Math.random() * 0.5);
    }
  };

  const writeLoop = async () => {
    const gap = (options.writeEverySeconds / 60) * options.minuteMs;
    const published = new Set<string>();
    let turn = 0;
    for (let at = gap; at < total; at += gap) {
      await sleep(at - elapsed());
      const writer = options.writers[turn % options.writers.length];
      if (!writer) break;
      const id = writer.contentIds[Math.floor(turn / options.writers.length) % writer.contentIds.length] as string;
      turn += 1;
      const action = published.has(id) ? "unpublish" : "publish";
      const res = await fetch(`${options.url}/api/v1/content/${id}/${action}`, {
        method: "POST",
        headers: { authorization: `Bearer ${writer.key}`, "content-type": "application/json" },
        body: "{}",
      });
      await res.arrayBuffer();
      if (res.ok) {
        if (action === "publish") published.add(id);
        else published.delete(id);
        result.writes += 1;
        writesDone += 1;
      } else {
        result.writeFailures += 1;
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
      }
    }
  };

  await Promise.all([...options.callers.map(loadLoop), writeLoop()]);
  result.realSeconds = elapsed() / 1000;
  return result;
}
