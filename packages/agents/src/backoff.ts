/**
 * Exponential backoff with "equal jitter", shared by model-call retries and task retries: half of
 * min(max, base * 2^(attempt-1)) plus a random share of the other half. Retries of many callers
 * spread out, yet each waits at least half the ceiling, so the growth is guaranteed.
 */
export function exponentialBackoff(
  attempt: number,
  options: { baseMs: number; maxMs: number },
  random: () => number = Math.random,
): number {
  const ceiling = Math.min(options.maxMs, options.baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}
