// Load through HTTP: autocannon with a fixed number of requests over `connections` connections,
// each request carrying the next caller's API key (so no caller's rate limits are reached), and
// every response's status, latency (as autocannon measures it), server time (X-Request-Duration,
// set by scripts/serve.mjs when the headers leave) and cache_metadata.cache_hit recorded.
import autocannon from "autocannon";

export interface LoadOptions {
  url: string;
  path: string;
  method?: "GET" | "POST";
  /** API keys, used in turn (request i carries keys[i % keys.length]). */
  keys: string[];
  connections: number;
  amount: number;
  body?: string;
}

export interface LoadResult {
  requests: number;
  latencies: number[];
  serverMs: number[];
  statuses: Map<number, number>;
  cacheHits: number;
  cacheMisses: number;
  /** Distinct cache_metadata.generated_at values: how many computations the answers came from. */
  generatedAt: Set<string>;
  seconds: number;
  perSecond: number;
}

const HIT = /"cache_hit":\s*(true|false)/;
const GENERATED = /"generated_at":\s*"([^"]+)"/;

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? Number.NaN;
}

export async function load(options: LoadOptions): Promise<LoadResult> {
  const statuses = new Map<number, number>();
  const latencies: number[] = [];
  const serverMs: number[] = [];
  let cacheHits = 0;
  let cacheMisses = 0;
  const generatedAt = new Set<string>();
  let next = 0;
  const started = performance.now();
  const instance = autocannon({
    url: options.url,
    connections: options.connections,
    amount: options.amount,
    timeout: 60,
    requests: [
      {
        method: options.method ?? "GET",
        path: options.path,
        ...(options.body ? { body: options.body } : {}),
        setupRequest(request) {
          const key = options.keys[next++ % options.keys.length] as string;
          return {
            ...request,
            headers: {
              ...request.headers,
              authorization: `Bearer ${key}`,
              ...(options.body ? { "content-type": "application/json" } : {}),
            },
          };
        },
        onResponse(_status, body, _context, headers) {
          // autocannon keeps the header names as sent ("X-Request-Duration").
          const name = Object.keys(headers).find((h) => h.toLowerCase() === "x-request-duration");
          const duration = Number.parseFloat(String(name ? headers[name] : ""));
          if (Number.isFinite(duration)) serverMs.push(duration);
          const hit = HIT.exec(body)?.[1];
          if (hit === "true") cacheHits += 1;
          else if (hit === "false") cacheMisses += 1;
          const generated = GENERATED.exec(body)?.[1];
          if (generated) generatedAt.add(generated);
        },
      },
    ],
  });
  instance.on("response", (_client, status, _bytes, responseTime) => {
    statuses.set(status, (statuses.get(status) ?? 0) + 1);
    latencies.push(responseTime);
  });
  await instance;
  const seconds = (performance.now() - started) / 1000;
  return {
    requests: latencies.length,
    latencies,
    serverMs,
    statuses,
    cacheHits,
    cacheMisses,
    generatedAt,
    seconds,
    perSecond: latencies.length / seconds,
  };
}

/** `200 ×998, 429 ×2`. */
export function describeStatuses(statuses: Map<number, number>): string {
  return [...statuses.entries()]
    .sort(([a], [b]) => a - b)
    .map(([s, n]) => `${s} ×${n}`)
    .join(", ");
}

/** The metrics cache's hit and miss counters from GET /metrics (null: not served). */
export async function scrape(url: string, token: string): Promise<{ hits: number; misses: number } | null> {
  try {
    const res = await fetch(`${url}/metrics`, { headers: { authorization: `Bearer ${token}` } });
    if (!res.ok) return null;
    const { default: parse } = await import("parse-prometheus-text-format");
    const families = parse(await res.text());
    const total = (name: string) =>
      families
        .filter((f) => f.name === name)
        .flatMap((f) => f.metrics)
        .filter((m) => m.labels?.cache === "metrics")
        .reduce((a, m) => a + Number(m.value ?? 0), 0);
    return { hits: total("redis_cache_hits_total"), misses: total("redis_cache_misses_total") };
  } catch {
    return null;
  }
}
