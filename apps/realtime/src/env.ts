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
  maxTimestampAgeSeconds: 600,
  maxEventDataBytes: 10 * 1024,
  maxChannelsPerEvent: 100,
  maxBatchSize: 10,
  logLevel: "info",
};

function seconds(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (!raw) return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`Invalid ${name}: ${raw} (seconds, greater than 0)`);
  return value;
}

/** The only place in this app that reads process.env. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): RealtimeConfig {
  const port = env.PUSHER_PORT ? Number.parseInt(env.PUSHER_PORT, 10) : defaultConfig.port;
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`Invalid PUSHER_PORT: ${env.PUSHER_PORT}`);
  }
  return {
    ...defaultConfig,
    host: env.PUSHER_HOST || defaultConfig.host,
    port,
    app: {
      id: env.PUSHER_APP_ID || defaultConfig.app.id,
      key: env.PUSHER_KEY || defaultConfig.app.key,
      secret: env.PUSHER_SECRET || defaultConfig.app.secret,
    },
    enableClientMessages: env.PUSHER_ENABLE_CLIENT_MESSAGES !== "false",
    activityTimeout: seconds(env, "PUSHER_ACTIVITY_TIMEOUT", defaultConfig.activityTimeout),
    pongTimeout: seconds(env, "PUSHER_PONG_TIMEOUT", defaultConfig.pongTimeout),
    logLevel: env.LOG_LEVEL || defaultConfig.logLevel,
  };
}
