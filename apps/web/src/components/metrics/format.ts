// How the metrics pages write numbers: whole counts with separators, one decimal for rates and
// durations, and an em dash for "no value yet" (a null from the API: nothing to average).
import type { DateRange } from "@toolboxai/validators";

const whole = new Intl.NumberFormat("en");
const oneDecimal = new Intl.NumberFormat("en", { maximumFractionDigits: 1 });

export const NO_VALUE = "—";

export type MetricUnit = "count" | "percent" | "seconds" | "minutes" | "ms" | "mb" | "score";

const SUFFIX: Record<MetricUnit, string> = {
  count: "",
  percent: "%",
  seconds: " s",
  minutes: " min",
  ms: " ms",
  mb: " MB",
  score: "",
};

/** "1,204", "12.5%", "3.2 min"; "—" for null. */
export function formatMetric(value: number | null | undefined, unit: MetricUnit = "count"): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return NO_VALUE;
  const n = unit === "count" ? whole.format(Math.round(value)) : oneDecimal.format(value);
  return `${n}${SUFFIX[unit]}`;
}

/** "+12.5%", "-3%", "0%"; "—" for null (nothing to compare with). */
export function formatChange(change: number | null): string {
  if (change === null || !Number.isFinite(change)) return NO_VALUE;
  const sign = change > 0 ? "+" : "";
  return `${sign}${oneDecimal.format(change)}%`;
}

/** "up", "down" or "flat": the direction a change arrow points. */
export function changeDirection(change: number | null): "up" | "down" | "flat" {
  if (change === null || !Number.isFinite(change) || Math.abs(change) < 0.05) return "flat";
  return change > 0 ? "up" : "down";
}

export const DATE_RANGE_LABEL: Record<DateRange, string> = {
  "7d": "Last 7 days",
  "30d": "Last 30 days",
  "90d": "Last 90 days",
};

const dayFormat = new Intl.DateTimeFormat("en", { month: "short", day: "numeric", timeZone: "UTC" });

/** A UTC day ("2026-12-01") as "Dec 1": trends are per UTC day, so they read the same everywhere. */
export function formatDay(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  return Number.isNaN(date.getTime()) ? day : dayFormat.format(date);
}
