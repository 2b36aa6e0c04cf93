// UTC days and ISO weeks, as the metrics, the analytics and API key usage count them: a day is a
// UTC calendar day, a week starts on Monday 00:00 UTC (PostgreSQL's `date_trunc('week', ...)` agrees).
import { DATE_RANGE_DAYS, type DateRange } from "@toolboxai/validators";

export const DAY_MS = 86_400_000;
export const WEEK_MS = 7 * DAY_MS;

/** Midnight UTC of the day `date` falls on. */
export function utcDay(date: Date): Date {
  return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
}

export function addDays(day: Date, days: number): Date {
  return new Date(day.getTime() + days * DAY_MS);
}

/** `YYYY-MM-DD` of a UTC day. */
export function dayKey(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** The range's days, oldest first, today (UTC) last. */
export function rangeDays(now: Date, range: DateRange): Date[] {
  const today = utcDay(now);
  const n = DATE_RANGE_DAYS[range];
  return Array.from({ length: n }, (_, i) => addDays(today, i - (n - 1)));
}

/** Monday 00:00 UTC of the ISO week `date` falls in. */
export function isoWeekStart(date: Date): Date {
  const day = utcDay(date);
  const sinceMonday = (day.getUTCDay() + 6) % 7;
  return addDays(day, -sinceMonday);
}
