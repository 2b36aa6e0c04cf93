// How long a session lives. One policy per process: the web app sets it from its environment at
// start (SESSION_MAX_AGE_HOURS, SESSION_IDLE_MINUTES); the session registry and the account
// page's list read the same one, so "active" means the same thing everywhere.

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

export interface SessionPolicy {
  /** Absolute lifetime from sign-in: never extended, however active the session is. */
  maxAgeMs: number;
  /** A session with no request for this long has ended. */
  idleMs: number;
  /** `lastSeenAt` is written at most this often (a write per request would cost a round trip). */
  touchEveryMs: number;
}

export const DEFAULT_SESSION_POLICY: SessionPolicy = {
  maxAgeMs: 12 * HOUR,
  idleMs: 120 * MINUTE,
  touchEveryMs: MINUTE,
};

/** The policy from the web app's settings (hours and minutes, as the environment gives them). */
export function sessionPolicyFrom(settings: { maxAgeHours: number; idleMinutes: number }): SessionPolicy {
  return { ...DEFAULT_SESSION_POLICY, maxAgeMs: settings.maxAgeHours * HOUR, idleMs: settings.idleMinutes * MINUTE };
}

// On globalThis: Next may load this module in more than one server bundle of the same process.
const holder = globalThis as unknown as { toolboxSessionPolicy?: SessionPolicy };

/** Sets this process's policy (the web app does, once, from its environment). */
export function configureSessionPolicy(policy: SessionPolicy): void {
  holder.toolboxSessionPolicy = policy;
}

/** This process's policy (the defaults until configured). */
export function sessionPolicy(): SessionPolicy {
  return holder.toolboxSessionPolicy ?? DEFAULT_SESSION_POLICY;
}
