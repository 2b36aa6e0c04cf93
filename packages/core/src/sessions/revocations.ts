// How a revoked session reaches every cache that may still hold it as valid.
//
//   service revokes rows -> processRevocations.announce() -> this process's registry drops them
//                                                          -> Redis PUBLISH -> every other instance
//
// The in-process hub is what services call (they have no handle on the registry); the Redis bus
// carries announcements between app instances. A bus that lost its subscription says so
// (`synced()` false) and the registry then trusts its cache for one second at most.
import { Redis } from "ioredis";

export interface SessionRevocation {
  /** These sessions ended. */
  sessionIds?: string[];
  /** Some or all sessions of these users ended (a password change, a deactivation). */
  userIds?: string[];
}

type Listener = (revocation: SessionRevocation) => void;

/** Announcements within one process. */
export interface RevocationHub {
  announce(revocation: SessionRevocation): void;
  /** Returns the unsubscribe function. */
  subscribe(listener: Listener): () => void;
}

export function createRevocationHub(): RevocationHub {
  const listeners = new Set<Listener>();
  return {
    announce(revocation) {
      for (const listener of listeners) listener(revocation);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

const holder = globalThis as unknown as { toolboxSessionRevocations?: RevocationHub };
/** This process's hub: services announce here after revoking sessions in the database. */
holder.toolboxSessionRevocations ??= createRevocationHub();
export const processRevocations: RevocationHub = holder.toolboxSessionRevocations;

/** Announcements between processes. */
export interface RevocationBus {
  publish(revocation: SessionRevocation): void;
  /**
   * `revoked` for every announcement (this process's own included); `resynced` when the
   * subscription is (re)established, since announcements sent while it was down were missed.
   */
  start(handlers: { revoked: Listener; resynced: () => void }): void;
  /** Whether every announcement is sure to arrive now (the subscription is live). */
  synced(): boolean;
  close(): Promise<void>;
}

interface WarnLogger {
  warn(obj: object, msg: string): void;
}

export interface RedisBusOptions {
  url: string;
  channel?: string;
  logger?: WarnLogger;
}

function parseRevocation(message: string): SessionRevocation | null {
  try {
    const value: unknown = JSON.parse(message);
    if (!value || typeof value !== "object") return null;
    const strings = (v: unknown) =>
      Array.isArray(v) && v.every((s) => typeof s === "string") ? (v as string[]) : undefined;
    const { sessionIds, userIds } = value as Record<string, unknown>;
    const out: SessionRevocation = {};
    const s = strings(sessionIds);
    const u = strings(userIds);
    if (s) out.sessionIds = s;
    if (u) out.userIds = u;
    return out;
  } catch {
    return null;
  }
}

/**
 * Redis pub/sub between app instances: one subscriber connection (re-subscribed by hand after
 * every reconnect, so `synced()` turns true only once the SUBSCRIBE is confirmed) and one
 * publishing connection that fails fast instead of queueing while Redis is away.
 */
export function createRedisRevocationBus(options: RedisBusOptions): RevocationBus {
  const channel = options.channel ?? "toolboxai:sessions:revoked";
  const sub = new Redis(options.url, { autoResubscribe: false, maxRetriesPerRequest: null, lazyConnect: true });
  const pub = new Redis(options.url, { enableOfflineQueue: false, maxRetriesPerRequest: 1, lazyConnect: true });
  let subscribed = false;
  let closed = false;
  let warned = false;
  const warn = (err: unknown, msg: string) => {
    if (warned) return;
    warned = true;
    options.logger?.warn({ err }, msg);
  };
  // ioredis logs unhandled connection errors to the console; reconnecting is its job.
  sub.on("error", (err) => warn(err, "session revocation channel: Redis unreachable, caching sessions for 1 s"));
  pub.on("error", () => {});
  sub.on("close", () => {
    subscribed = false;
  });

  return {
    publish(revocation) {
      pub.publish(channel, JSON.stringify(revocation)).catch((err: unknown) => {
        options.logger?.warn({ err }, "could not announce a session revocation to other instances");
      });
    },
    start(handlers) {
      sub.on("message", (from: string, message: string) => {
        if (from !== channel) return;
        const revocation = parseRevocation(message);
        if (revocation) handlers.revoked(revocation);
      });
      sub.on("ready", () => {
        sub
          .subscribe(channel)
          .then(() => {
            subscribed = true;
            warned = false;
            handlers.resynced();
          })
          .catch((err: unknown) => warn(err, "could not subscribe to session revocations"));
      });
      sub.connect().catch(() => {});
      pub.connect().catch(() => {});
    },
    synced: () => subscribed && !closed,
    async close() {
      closed = true;
      subscribed = false;
      sub.disconnect();
      pub.disconnect();
    },
  };
}
