// Realtime configuration (Pusher Channels, or any Pusher-compatible server such as apps/realtime),
// read from environment variables the caller hands in: apps/web's env.ts passes process.env, and
// so does apps/worker's. Realtime is off (null) unless the app id, key and secret are all set.
import type { RealtimeClientConfig } from "@toolboxai/validators";
import { z } from "zod";

/** What the server needs to publish events and sign subscriptions. The secret never leaves the server. */
export interface RealtimeServerConfig {
  appId: string;
  key: string;
  secret: string;
  /** Pusher's cloud cluster (e.g. `eu`); unused when `host` is set. */
  cluster: string;
  /** A self-hosted, Pusher-compatible host as the server reaches it; unset for Pusher's cloud. */
  host?: string | undefined;
  port?: number | undefined;
  useTLS: boolean;
}

export interface RealtimeConfig {
  server: RealtimeServerConfig;
  /** What the browser needs to connect (no secret). */
  client: NonNullable<RealtimeClientConfig>;
}

/** Unset and blank are the same: `PUSHER_HOST=` in a .env file turns the setting off. */
const blankToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);
const text = z.preprocess(blankToUndefined, z.string().trim().optional());
const port = z.preprocess(blankToUndefined, z.coerce.number().int().min(1).max(65535).optional());

export const realtimeEnvSchema = z.object({
  PUSHER_APP_ID: text,
  PUSHER_KEY: text,
  PUSHER_SECRET: text,
  /** Pusher's cloud cluster (e.g. `eu`); ignored when PUSHER_HOST is set. */
  PUSHER_CLUSTER: z.preprocess(blankToUndefined, z.string().trim().default("mt1")),
  /** A Pusher-compatible host, as the server reaches it (e.g. 127.0.0.1). */
  PUSHER_HOST: text,
  PUSHER_PORT: port,
  /** TLS to the host: `true` or `false`; default true for Pusher's cloud, false for a self-hosted host. */
  PUSHER_TLS: z.preprocess(blankToUndefined, z.enum(["true", "false"]).optional()),
  /** Where browsers reach the host, when it differs from PUSHER_HOST / PUSHER_PORT (e.g. behind a proxy). */
  PUSHER_PUBLIC_HOST: text,
  PUSHER_PUBLIC_PORT: port,
});

/**
 * The realtime configuration from environment variables, or null when realtime is off (then
 * publishing is a no-op and the UI polls). Throws on a malformed value (a port that is not a number).
 */
export function realtimeConfigFrom(vars: Record<string, string | undefined>): RealtimeConfig | null {
  const parsed = realtimeEnvSchema.safeParse(vars);
  if (!parsed.success) {
    throw new Error(`Invalid realtime configuration:\n${z.prettifyError(parsed.error)}`);
  }
  const raw = parsed.data;
  if (!raw.PUSHER_APP_ID || !raw.PUSHER_KEY || !raw.PUSHER_SECRET) return null;
  const selfHosted = raw.PUSHER_HOST !== undefined;
  const useTLS = raw.PUSHER_TLS ? raw.PUSHER_TLS === "true" : !selfHosted;
  return {
    server: {
      appId: raw.PUSHER_APP_ID,
      key: raw.PUSHER_KEY,
      secret: raw.PUSHER_SECRET,
      cluster: raw.PUSHER_CLUSTER,
      host: raw.PUSHER_HOST,
      port: raw.PUSHER_PORT,
      useTLS,
    },
    client: {
      key: raw.PUSHER_KEY,
      // pusher-js needs a cluster even when it connects to wsHost.
      cluster: raw.PUSHER_CLUSTER,
      ...(selfHosted
        ? {
            wsHost: raw.PUSHER_PUBLIC_HOST ?? raw.PUSHER_HOST,
            wsPort: raw.PUSHER_PUBLIC_PORT ?? raw.PUSHER_PORT ?? (useTLS ? 443 : 80),
          }
        : {}),
      forceTLS: useTLS,
    },
  };
}
