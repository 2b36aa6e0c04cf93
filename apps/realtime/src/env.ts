import { EnvError, envVar, parseEnv } from "@toolboxai/validators";
import { z } from "zod";

export interface AppConfig {
  id: string;
  key: string;
  secret: string;
}

export interface RealtimeConfig {
  host: string;
  port: number;
  app: AppConfig;
  /** Allow `client-*` events on private/presence channels. */
  enableClientMessages: boolean;
  /** Client events allowed per connection per second. */
  clientEventRateLimit: number;
  /**
   * Seconds without any message from a client after which the server sends `pusher:ping`. Also
   * advertised to clients as `activity_timeout` (rounded up to whole seconds, at least 1).
   */
  activityTimeout: number;
  /** Seconds to wait for any message (normally `pusher:pong`) after a ping before closing with 4201. */
  pongTimeout: number;
  /**
   * Seconds stop() waits for WebSockets to finish their closing handshake and for in-flight HTTP
   * requests to be answered before dropping whatever is still open.
   */
  shutdownTimeout: number;
  /** Max accepted age (seconds) of auth_timestamp in HTTP API requests. */
  maxTimestampAgeSeconds: number;
  /** Max size of an event's data payload in bytes. */
  maxEventDataBytes: number;
  maxChannelsPerEvent: number;
  maxBatchSize: number;
  logLevel: string;
}

export const defaultConfig: RealtimeConfig = {
  host: "127.0.0.1",
  port: 6001,
  app: { id: "app-id", key: "app-key", secret: "app-secret" },
  enableClientMessages: true,
  clientEventRateLimit: 10,
  activityTimeout: 120,
  pongTimeout: 30,
  shutdownTimeout: 5,
  maxTimestampAgeSeconds: 600,
  maxEventDataBytes: 10 * 1024,
  maxChannelsPerEvent: 100,
  maxBatchSize: 10,
  logLevel: "info",
};

/** pino's levels, and `silent`. */
export const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;

/** Every invalid setting at once, one per line, so a misconfigured deployment is fixed in one go. */
export class ConfigError extends EnvError {
  constructor(problems: string[]) {
    super(problems, "realtime configuration");
    this.name = "ConfigError";
  }
}

const seconds = () => envVar.positive("expected a number of seconds greater than 0").optional();

const schema = z.object({
  // REALTIME_BIND_HOST when the web app's PUSHER_HOST names this server by an address it can't
  // listen on (a DNS name, a proxy); otherwise the same variables serve both, as `pnpm dev` uses.
  REALTIME_BIND_HOST: z.string().optional(),
  PUSHER_HOST: z.string().optional(),
  PUSHER_PORT: envVar.int(0, 65535, "expected a port number from 0 to 65535").optional(),
  PUSHER_APP_ID: z.string().optional(),
  PUSHER_KEY: z.string().optional(),
  PUSHER_SECRET: z.string().optional(),
  PUSHER_ENABLE_CLIENT_MESSAGES: envVar.flag().optional(),
  PUSHER_ACTIVITY_TIMEOUT: seconds(),
  PUSHER_PONG_TIMEOUT: seconds(),
  PUSHER_SHUTDOWN_TIMEOUT: seconds(),
  LOG_LEVEL: envVar.oneOf(LOG_LEVELS).optional(),
});

/**
 * The only place in this app that reads process.env. Unset and blank variables take the default
 * (as in the web app: `PUSHER_HOST=` in a .env file means "not set"); anything else must be valid,
 * or a ConfigError lists what is wrong.
 */
export function loadConfig(env: Readonly<Record<string, string | undefined>> = process.env): RealtimeConfig {
  const vars = parseEnv(schema, env, { fail: (problems) => new ConfigError(problems) });
  return {
    ...defaultConfig,
    host: vars.REALTIME_BIND_HOST ?? vars.PUSHER_HOST ?? defaultConfig.host,
    port: vars.PUSHER_PORT ?? defaultConfig.port,
    app: {
      id: vars.PUSHER_APP_ID ?? defaultConfig.app.id,
      key: vars.PUSHER_KEY ?? defaultConfig.app.key,
      secret: vars.PUSHER_SECRET ?? defaultConfig.app.secret,
    },
    enableClientMessages: vars.PUSHER_ENABLE_CLIENT_MESSAGES ?? defaultConfig.enableClientMessages,
    activityTimeout: vars.PUSHER_ACTIVITY_TIMEOUT ?? defaultConfig.activityTimeout,
    pongTimeout: vars.PUSHER_PONG_TIMEOUT ?? defaultConfig.pongTimeout,
    shutdownTimeout: vars.PUSHER_SHUTDOWN_TIMEOUT ?? defaultConfig.shutdownTimeout,
    logLevel: vars.LOG_LEVEL ?? defaultConfig.logLevel,
  };
}
