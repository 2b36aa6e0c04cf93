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
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid realtime configuration:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "ConfigError";
  }
}

/**
 * The only place in this app that reads process.env. Unset and blank variables take the default
 * (as in the web app: `PUSHER_HOST=` in a .env file means "not set"); anything else must be valid,
 * or a ConfigError lists what is wrong.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): RealtimeConfig {
  const problems: string[] = [];
  const read = (name: string): string | undefined => {
    const value = env[name]?.trim();
    return value ? value : undefined;
  };

  const port = (() => {
    const raw = read("PUSHER_PORT");
    if (raw === undefined) return defaultConfig.port;
    const value = /^\d+$/.test(raw) ? Number(raw) : Number.NaN;
    if (Number.isInteger(value) && value <= 65535) return value;
    problems.push(`PUSHER_PORT=${JSON.stringify(raw)}: expected a port number from 0 to 65535`);
    return defaultConfig.port;
  })();

  const seconds = (name: string, fallback: number): number => {
    const raw = read(name);
    if (raw === undefined) return fallback;
    const value = Number(raw);
    if (Number.isFinite(value) && value > 0) return value;
    problems.push(`${name}=${JSON.stringify(raw)}: expected a number of seconds greater than 0`);
    return fallback;
  };

  const flag = (name: string, fallback: boolean): boolean => {
    const raw = read(name);
    if (raw === undefined) return fallback;
    if (raw === "true") return true;
    if (raw === "false") return false;
    problems.push(`${name}=${JSON.stringify(raw)}: expected true or false`);
    return fallback;
  };

  const logLevel = read("LOG_LEVEL") ?? defaultConfig.logLevel;
  if (!(LOG_LEVELS as readonly string[]).includes(logLevel)) {
    problems.push(`LOG_LEVEL=${JSON.stringify(logLevel)}: expected one of ${LOG_LEVELS.join(", ")}`);
  }

  const config: RealtimeConfig = {
    ...defaultConfig,
    // REALTIME_BIND_HOST when the web app's PUSHER_HOST names this server by an address it can't
    // listen on (a DNS name, a proxy); otherwise the same variables serve both, as `pnpm dev` uses.
    host: read("REALTIME_BIND_HOST") ?? read("PUSHER_HOST") ?? defaultConfig.host,
    port,
    app: {
      id: read("PUSHER_APP_ID") ?? defaultConfig.app.id,
      key: read("PUSHER_KEY") ?? defaultConfig.app.key,
      secret: read("PUSHER_SECRET") ?? defaultConfig.app.secret,
    },
    enableClientMessages: flag("PUSHER_ENABLE_CLIENT_MESSAGES", defaultConfig.enableClientMessages),
    activityTimeout: seconds("PUSHER_ACTIVITY_TIMEOUT", defaultConfig.activityTimeout),
    pongTimeout: seconds("PUSHER_PONG_TIMEOUT", defaultConfig.pongTimeout),
    shutdownTimeout: seconds("PUSHER_SHUTDOWN_TIMEOUT", defaultConfig.shutdownTimeout),
    logLevel,
  };
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}
