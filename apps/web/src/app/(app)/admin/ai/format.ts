// Numbers and days as the AI page shows them.

/** The days the usage chart covers, today included. */
export const USAGE_DAYS = 30;

const tokens = new Intl.NumberFormat("en-US");
const compact = new Intl.NumberFormat("en-US", { notation: "compact", maximumFractionDigits: 1 });

/** `12,345` */
export function formatTokens(n: number): string {
  return tokens.format(n);
}

/** `12.3K`, for axis ticks. */
export function compactTokens(n: number): string {
  return compact.format(n);
}

const dayLabel = new Intl.DateTimeFormat("en-US", { month: "short", day: "numeric", timeZone: "UTC" });

/** `Mar 10` for the UTC day `2031-03-10` (the budget's days are UTC days, wherever the reader is). */
export function formatDay(day: string): string {
  return dayLabel.format(new Date(`${day}T00:00:00Z`));
}

/** How much of the budget today's tokens are, 0 to 100 (null without a budget). */
export function budgetPercent(used: number, budget: number | null): number | null {
  if (budget === null || budget <= 0) return null;
  return Math.min(100, Math.round((used / budget) * 100));
}

export const ROLE_LABEL = { ADMIN: "Admins", TEACHER: "Teachers", STUDENT: "Students", PARENT: "Parents" } as const;
