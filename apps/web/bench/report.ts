// The benchmark's table and its one JSON line.
import { type LoadResult, percentile } from "./load";

export interface Figure {
  /** What is measured. */
  measure: string;
  /** The seed documents' figure, when they give one. */
  seeds?: string;
  /** The target. */
  target?: string;
  value: string;
  /** Whether the target is met (undefined: no target). */
  met?: boolean;
}

export function printTable(title: string, figures: Figure[]): void {
  const rows = figures.map((f) => [
    f.measure,
    f.seeds ?? "",
    f.target ?? "",
    f.value,
    f.met === undefined ? "" : f.met ? "met" : "missed",
  ]);
  const header = ["measure", "seeds", "target", "measured", ""];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (r: string[]) =>
    `| ${r.map((c, i) => (i === 3 ? c.padStart(widths[i] ?? 0) : c.padEnd(widths[i] ?? 0))).join(" | ")} |`;
  console.log("");
  console.log(title);
  console.log(line(header));
  console.log(`|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`);
  for (const r of rows) console.log(line(r));
  console.log("");
}

export const ms = (n: number) => (Number.isFinite(n) ? `${n.toFixed(n < 10 ? 2 : 1)} ms` : "n/a");
export const pct = (n: number) => (Number.isFinite(n) ? `${n.toFixed(1)}%` : "n/a");
export const round = (n: number, digits = 2) => (Number.isFinite(n) ? Number(n.toFixed(digits)) : null);

/** One load's figures for the JSON line. */
export function summarize(r: LoadResult) {
  return {
    requests: r.requests,
    per_second: round(r.perSecond, 0),
    p50_ms: round(percentile(r.latencies, 50)),
    p95_ms: round(percentile(r.latencies, 95)),
    p99_ms: round(percentile(r.latencies, 99)),
    server_p50_ms: round(percentile(r.serverMs, 50)),
    server_p95_ms: round(percentile(r.serverMs, 95)),
    cache_hits: r.cacheHits,
    computations: r.generatedAt.size,
    cache_misses: r.cacheMisses,
  };
}
