import type { Duplex } from "node:stream";
import type { Logger } from "pino";
import type { WebSocket } from "ws";
import { defaultConfig, type RealtimeConfig } from "./env.js";

export interface PresenceMember {
  user_id: string;
  user_info?: unknown;
}

export interface Connection {
  socketId: string;
  ws: WebSocket;
  /** The TCP socket under `ws` (corked while a batch is dispatched). */
  socket: Duplex;
  channels: Set<string>;
  /** channel -> member this socket joined as */
  presence: Map<string, PresenceMember>;
  clientEventTimes: number[];
  /** performance.now() of the last frame received from the client. */
  lastActivity: number;
  /** performance.now() of our unanswered pusher:ping, if one is outstanding. */
  pingSentAt: number | undefined;
  idleTimer: NodeJS.Timeout | undefined;
}

/** Everything one server instance shares between its modules; each module receives it explicitly. */
export interface RealtimeState {
  readonly config: RealtimeConfig;
  readonly log: Logger;
  readonly connections: Map<string, Connection>;
  /** channel -> subscribed connections */
  readonly channels: Map<string, Map<string, Connection>>;
  /** presence channel -> user_id -> { member, sockets } */
  readonly presence: Map<string, Map<string, { member: PresenceMember; sockets: number }>>;
  /** Set by stop(): no new work is accepted, HTTP answers ask to close the connection. */
  stopping: Promise<void> | undefined;
}

/** Defaults filled in and timeouts checked (activity/pong > 0, shutdown >= 0 seconds). */
export function resolveConfig(partial: Partial<RealtimeConfig>): RealtimeConfig {
  const config: RealtimeConfig = { ...defaultConfig, ...partial };
  for (const key of ["activityTimeout", "pongTimeout"] as const) {
    if (!Number.isFinite(config[key]) || config[key] <= 0) throw new Error(`${key} must be > 0 seconds`);
  }
  if (!Number.isFinite(config.shutdownTimeout) || config.shutdownTimeout < 0) {
    throw new Error("shutdownTimeout must be >= 0 seconds");
  }
  return config;
}

export function createState(config: RealtimeConfig, log: Logger): RealtimeState {
  return {
    config,
    log,
    connections: new Map(),
    channels: new Map(),
    presence: new Map(),
    stopping: undefined,
  };
}
