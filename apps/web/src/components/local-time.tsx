"use client";

// Dates in the reader's time zone, without a hydration mismatch: the server cannot know the
// browser's time zone (or the exact moment it hydrates), so the server render and the browser's
// first render both show the date in UTC, and the browser switches to local time right after.
import { useSyncExternalStore } from "react";

const noop = () => () => {};
/** False during the server render and hydration, true afterwards. */
export function useHydrated(): boolean {
  return useSyncExternalStore(
    noop,
    () => true,
    () => false,
  );
}

const formats = new Map<string, Intl.DateTimeFormat>();
function formatter(options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = JSON.stringify(options);
  let f = formats.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat("en", options);
    formats.set(key, f);
  }
  return f;
}

const MEDIUM: Intl.DateTimeFormatOptions = { dateStyle: "medium", timeStyle: "short" };

/** A date (and time) in the reader's time zone; "Dec 1, 2026, 3:00 PM UTC" until hydrated. */
export function LocalTime({
  value,
  options = MEDIUM,
  className,
}: {
  value: Date;
  options?: Intl.DateTimeFormatOptions;
  className?: string;
}) {
  const format = useLocalFormat(options);
  return (
    <time dateTime={value.toISOString()} className={className}>
      {format(value)}
    </time>
  );
}

const relative = new Intl.RelativeTimeFormat("en", { numeric: "auto" });
const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ["year", 365 * 86_400_000],
  ["month", 30 * 86_400_000],
  ["week", 7 * 86_400_000],
  ["day", 86_400_000],
  ["hour", 3_600_000],
  ["minute", 60_000],
];

/** "5 minutes ago", "in 3 days": the nearest whole unit ("just now" under a minute). */
export function relativeWords(value: Date, now: number): string {
  const diff = value.getTime() - now;
  for (const [unit, ms] of UNITS) {
    if (Math.abs(diff) >= ms) return relative.format(Math.round(diff / ms), unit);
  }
  return "just now";
}

// One clock for every RelativeTime on the page: a single interval, running only while one is
// mounted, moves them all on each minute ("just now" becomes "1 minute ago").
export const TICK_MS = 60_000;
const tickListeners = new Set<() => void>();
let tickTimer: ReturnType<typeof setInterval> | undefined;
let tickNow = 0;
/** Calls `listener` on each tick of the shared clock; returns the unsubscribe. */
export function subscribeTick(listener: () => void): () => void {
  tickListeners.add(listener);
  if (tickTimer === undefined) {
    tickNow = Date.now();
    tickTimer = setInterval(() => {
      tickNow = Date.now();
      for (const l of tickListeners) l();
    }, TICK_MS);
  }
  return () => {
    tickListeners.delete(listener);
    if (tickListeners.size === 0 && tickTimer !== undefined) {
      clearInterval(tickTimer);
      tickTimer = undefined;
    }
  };
}
/** The time of the shared clock's last tick. */
export const tickSnapshot = () => tickNow;
/** The time of the shared clock's last tick (0 on the server and during hydration). */
function useMinuteClock(): number {
  return useSyncExternalStore(subscribeTick, tickSnapshot, () => 0);
}

/** A moment in relative words ("2 hours ago") with the full local date as its tooltip, once hydrated; kept current each minute. */
export function RelativeTime({ value, className }: { value: Date; className?: string }) {
  const now = useMinuteClock();
  const hydrated = now !== 0;
  return (
    <time
      dateTime={value.toISOString()}
      className={className}
      title={hydrated ? formatter(MEDIUM).format(value) : undefined}
    >
      {hydrated ? relativeWords(value, now) : formatter({ dateStyle: "medium", timeZone: "UTC" }).format(value)}
    </time>
  );
}

/** "3:04 PM" for a moment today, "Mar 5" before, with the full local date as its tooltip, once hydrated. */
export function ShortWhen({ value, className }: { value: Date; className?: string }) {
  const hydrated = useHydrated();
  const today = hydrated && value.toDateString() === new Date().toDateString();
  return (
    <time
      dateTime={value.toISOString()}
      className={className}
      title={hydrated ? formatter(MEDIUM).format(value) : undefined}
    >
      {hydrated
        ? formatter(today ? { timeStyle: "short" } : { month: "short", day: "numeric" }).format(value)
        : formatter({ month: "short", day: "numeric", timeZone: "UTC" }).format(value)}
    </time>
  );
}

/**
 * The text of a LocalTime, for where a component cannot go (a title, a toast, a sentence built
 * as one string): "Dec 1, 2026, 3:00 PM UTC" until hydrated, the reader's local time afterwards.
 */
export function useLocalFormat(options: Intl.DateTimeFormatOptions = MEDIUM): (value: Date) => string {
  const hydrated = useHydrated();
  const showsTime = options.timeStyle !== undefined || options.hour !== undefined;
  return (value) =>
    hydrated
      ? formatter(options).format(value)
      : `${formatter({ ...options, timeZone: "UTC" }).format(value)}${showsTime ? " UTC" : ""}`;
}
