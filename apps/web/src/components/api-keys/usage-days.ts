// The usage chart's bars: each UTC day's requests split into what succeeded, what failed other
// than by a rate limit, and what was rate limited (429), so the stacked bar is the day's total.
import type { ApiKeyUsage } from "@toolboxai/validators";

// Usage is counted per UTC day, so the days are labelled in UTC.
const DAY_LABEL = new Intl.DateTimeFormat("en", { month: "short", day: "numeric", timeZone: "UTC" });

/** One bar per day, labelled "Dec 1". */
export function chartDays(days: ApiKeyUsage["days"]) {
  return days.map((d) => ({
    label: DAY_LABEL.format(new Date(`${d.day.slice(0, 10)}T00:00:00Z`)),
    ok: Math.max(0, d.requests - d.errors),
    failed: Math.max(0, d.errors - d.limited),
    limited: d.limited,
  }));
}
