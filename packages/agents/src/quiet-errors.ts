// Errors that repeat while a dependency is down (a BullMQ queue or worker retrying Redis every
// second) are logged once a minute, not once per attempt: the first line says what is wrong, and
// the log stays readable.
export interface ErrorLogger {
  error(obj: { err: unknown; repeated?: number }, msg: string): void;
}

export function throttledErrorLog(logger: ErrorLogger | undefined, msg: string, everyMs = 60_000, now = Date.now) {
  let last = Number.NEGATIVE_INFINITY;
  let repeated = 0;
  return (err: unknown): void => {
    const at = now();
    if (at - last < everyMs) {
      repeated += 1;
      return;
    }
    logger?.error(repeated ? { err, repeated } : { err }, msg);
    last = at;
    repeated = 0;
  };
}
