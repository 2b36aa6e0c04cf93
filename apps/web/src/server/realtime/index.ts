// The web process's realtime: one publisher and one signer per process, created on first use from
// `env.realtime` (null when PUSHER_APP_ID / PUSHER_KEY / PUSHER_SECRET are not all set).
import "server-only";
import { createPusherClient, createRealtimePublisher, type RealtimePublisher } from "@toolboxai/core";
import type { RealtimeClientConfig } from "@toolboxai/validators";
import type Pusher from "pusher";
import { env } from "~/env";
import { logger } from "~/server/logger";

export type { PublisherStats, RealtimePublisher } from "@toolboxai/core";

const globalForRealtime = globalThis as unknown as {
  toolboxRealtimePublisher?: RealtimePublisher;
  toolboxRealtimeSigner?: Pusher | null;
};

/** Publishes events (a no-op counting `skipped` when realtime is off). */
export function getRealtimePublisher(): RealtimePublisher {
  globalForRealtime.toolboxRealtimePublisher ??= createRealtimePublisher(
    env.realtime?.server ?? null,
    logger.child({ component: "realtime" }),
  );
  return globalForRealtime.toolboxRealtimePublisher;
}

/** Signs channel subscriptions for /api/pusher/auth; null when realtime is off. */
export function getRealtimeSigner(): Pusher | null {
  if (globalForRealtime.toolboxRealtimeSigner === undefined) {
    globalForRealtime.toolboxRealtimeSigner = env.realtime ? createPusherClient(env.realtime.server) : null;
  }
  return globalForRealtime.toolboxRealtimeSigner;
}

/** What the browser needs to connect (no secret); null when realtime is off and the UI polls. */
export function realtimeClientConfig(): RealtimeClientConfig {
  return env.realtime?.client ?? null;
}
