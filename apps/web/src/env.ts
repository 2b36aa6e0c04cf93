// The web app's configuration: the one module in apps/web that reads process.env.
// Every variable has a working default for the embedded mode; see the README's table.
import "server-only";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { readMailEnv, realtimeConfigFrom } from "@toolboxai/core";
import { readDbEnv } from "@toolboxai/db";
import { readMetricsEnv } from "@toolboxai/observability/metrics";
import { envVar, parseEnv } from "@toolboxai/validators";
import { z } from "zod";

const schema = z.object({
  NODE_ENV: envVar.oneOf(["development", "test", "production"]).default("development"),
  PORT: envVar.int(1, 65535, "expected a port number from 1 to 65535").default(3000),
  APP_URL: z.url().optional(),
  NEXTAUTH_URL: z.url().optional(),
  NEXTAUTH_SECRET: z.string().min(32, "NEXTAUTH_SECRET must be at least 32 characters").optional(),
  LOG_LEVEL: envVar.oneOf(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  /** Extra origins allowed to send tRPC mutations (comma-separated), e.g. a separate admin host. */
  TRUSTED_ORIGINS: z.string().default(""),
  /**
   * Reverse proxies in front of the app that append the client's address to X-Forwarded-For (and
   * set X-Forwarded-Host). 0: clients connect to the app directly, and those headers are ignored.
   */
  TRUSTED_PROXY_HOPS: envVar.int(0, 10, "expected a whole number of proxies from 0 to 10").default(0),
  /** Prefix of the rate limiter's keys in Redis, so deployments (or test runs) sharing one stay apart. */
  RATE_LIMIT_PREFIX: z
    .string()
    .regex(/^[\w.:-]{1,64}$/, "expected up to 64 letters, digits or . _ : -")
    .default("rl"),
  /** Redis, shared by every instance of the app: session revocations reach all of them through it. */
  REDIS_URL: z.string().optional(),
  /** A session ends this many hours after sign-in, however active it is. */
  SESSION_MAX_AGE_HOURS: envVar.int(1, 24 * 30, "expected a whole number of hours from 1 to 720").default(12),
  /** A session ends after this many minutes without a request. */
  SESSION_IDLE_MINUTES: envVar.int(5, 60 * 24 * 30, "expected a whole number of minutes from 5 to 43200").default(120),
  /** Lets a monitor read GET /api/health's details with `Authorization: Bearer <token>`; unset: admins only. */
  HEALTH_TOKEN: z.string().min(24, "HEALTH_TOKEN must be at least 24 characters").optional(),
});

// Refuses to start with every problem listed (EnvError), like every other app and package.
const raw = parseEnv(schema, process.env, { what: "web app configuration" });

/**
 * The session secret. When unset, one is generated once and kept under .data/ (git-ignored),
 * so sign-ins survive restarts of an embedded install without any set-up.
 */
function sessionSecret(): string {
  if (raw.NEXTAUTH_SECRET) return raw.NEXTAUTH_SECRET;
  const file = path.join(path.dirname(readDbEnv().pgliteDir), "auth-secret");
  try {
    return fs.readFileSync(file, "utf8").trim();
  } catch {
    const secret = randomBytes(32).toString("hex");
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, secret, { mode: 0o600 });
    return secret;
  }
}

const appUrl = raw.APP_URL ?? raw.NEXTAUTH_URL ?? `http://localhost:${raw.PORT}`;
// next-auth v4 reads these two itself.
process.env.NEXTAUTH_URL ??= appUrl;
const secret = sessionSecret();
process.env.NEXTAUTH_SECRET ??= secret;

export const env = {
  nodeEnv: raw.NODE_ENV,
  appUrl,
  authSecret: secret,
  logLevel: raw.LOG_LEVEL,
  trustedOrigins: raw.TRUSTED_ORIGINS.split(",")
    .map((o) => o.trim())
    .filter(Boolean),
  database: readDbEnv(),
  /**
   * Realtime (Pusher Channels, or any Pusher-compatible server such as apps/realtime): PUSHER_APP_ID,
   * PUSHER_KEY, PUSHER_SECRET, PUSHER_CLUSTER, PUSHER_HOST, PUSHER_PORT, PUSHER_TLS, PUSHER_PUBLIC_HOST,
   * PUSHER_PUBLIC_PORT (see server/realtime/config.ts). Null unless the app id, key and secret are all
   * set: publishing is then a no-op and the UI polls.
   */
  realtime: realtimeConfigFrom(process.env),
  version: process.env.npm_package_version ?? "0.0.0",
  redisUrl: raw.REDIS_URL ?? null,
  /** How many proxies' forwarding headers to believe (see server/rate-limit.ts's proxyTrust). */
  trustedProxyHops: raw.TRUSTED_PROXY_HOPS,
  rateLimitPrefix: raw.RATE_LIMIT_PREFIX,
  /** Served over HTTPS: cookies are `Secure` (and named `__Secure-`/`__Host-`, as next-auth does). */
  secureCookies: appUrl.startsWith("https://"),
  sessions: { maxAgeHours: raw.SESSION_MAX_AGE_HOURS, idleMinutes: raw.SESSION_IDLE_MINUTES },
  healthToken: raw.HEALTH_TOKEN ?? null,
  /**
   * Prometheus (GET /metrics): METRICS_TOKEN (the bearer it requires; unset: /metrics answers 404
   * on this port), METRICS_PORT and METRICS_HOST (scripts/serve.mjs's internal listener).
   */
  metrics: readMetricsEnv(process.env),
  /**
   * Mail (password reset links): SMTP_URL (smtp:// or smtps://), MAIL_FROM and MAIL_LOG_LINKS,
   * read by @toolboxai/core's mail module; parsed here too so a wrong value stops the app at start.
   * Without SMTP_URL, messages are written to the server log instead of being sent, with their
   * links only outside production or with MAIL_LOG_LINKS=true.
   */
  mail: readMailEnv(),
} as const;
