// How a sign-in refused by the limiter reaches the sign-in page. next-auth passes the message of an
// error thrown by `authorize` to the page as its `error` (signIn()'s result, or `?error=` after a
// redirect), so the wait travels in that code and the page turns it into words.

const PREFIX = "TooManyAttempts:";

/** The error code for a sign-in that must wait `seconds`. */
export function tooManyAttemptsCode(seconds: number): string {
  return `${PREFIX}${Math.max(1, Math.ceil(seconds))}`;
}

/** The seconds to wait when `error` is a too-many-attempts code, else null. */
export function tooManyAttemptsWait(error: string | null | undefined): number | null {
  if (!error?.startsWith(PREFIX)) return null;
  const seconds = Number(error.slice(PREFIX.length));
  return Number.isInteger(seconds) && seconds > 0 ? seconds : null;
}

/** "Too many attempts. Try again in 5 minutes." (whole minutes, rounded up). */
export function tooManyAttemptsMessage(seconds: number): string {
  const minutes = Math.max(1, Math.ceil(seconds / 60));
  return `Too many attempts. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`;
}
