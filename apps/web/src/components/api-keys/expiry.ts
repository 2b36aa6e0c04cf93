// When a new key stops working: never, after 30, 90 or 365 days, or at the end of a chosen day.
export const EXPIRY_CHOICES = ["never", "30", "90", "365", "date"] as const;
export type ExpiryChoice = (typeof EXPIRY_CHOICES)[number];

export const EXPIRY_LABEL: Record<ExpiryChoice, string> = {
  never: "Never",
  "30": "In 30 days",
  "90": "In 90 days",
  "365": "In a year",
  date: "On a date…",
};

const DAY_MS = 86_400_000;

/**
 * The moment a key made now with `choice` expires: null for never, `now` plus the days, or the
 * end of `date` (a `yyyy-mm-dd` from a date input) in the browser's time zone; undefined when a
 * date was asked for but none was picked.
 */
export function expiryFrom(choice: ExpiryChoice, date: string, now: Date): Date | null | undefined {
  if (choice === "never") return null;
  if (choice !== "date") return new Date(now.getTime() + Number(choice) * DAY_MS);
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) return undefined;
  const [, y, m, d] = match;
  return new Date(Number(y), Number(m) - 1, Number(d), 23, 59, 59, 999);
}

function dateInput(day: Date): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${day.getFullYear()}-${pad(day.getMonth() + 1)}-${pad(day.getDate())}`;
}

/** Tomorrow as a date input's `yyyy-mm-dd`, in the browser's time zone: the earliest date to pick. */
export function tomorrowInput(now: Date): string {
  return dateInput(new Date(now.getFullYear(), now.getMonth(), now.getDate() + 1));
}

/**
 * The last day whose end is within `maxDays` of `now` (the server refuses a key lasting longer):
 * the latest date to pick.
 */
export function latestExpiryInput(now: Date, maxDays = 365): string {
  return dateInput(new Date(now.getFullYear(), now.getMonth(), now.getDate() + maxDays - 1));
}
