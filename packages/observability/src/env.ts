// Observability's configuration: the only module in packages/observability that reads process.env.
// Tracing and error tracking are both off unless their variable is set.
import { envVar, parseEnv } from "@toolboxai/validators";
import { z } from "zod";

type Vars = Record<string, string | undefined>;

export interface TracingEnv {
  /** Where spans are sent over OTLP/HTTP (`<endpoint>/v1/traces`); null: tracing is off. */
  endpoint: string | null;
  /** The `service.name` of every span. */
  serviceName: string;
  /** Whether an incoming `traceparent` header continues the caller's trace (false: each request starts its own). */
  trustIncomingTrace: boolean;
}

export interface ErrorTrackingEnv {
  /** Sentry's DSN; null: error tracking is off (the SDK is not even loaded). */
  dsn: string | null;
  environment: string | undefined;
  release: string | undefined;
}

const tracingSchema = z.object({
  /** The OTLP/HTTP collector, e.g. http://otel-collector:4318 (the standard OpenTelemetry variable). */
  OTEL_EXPORTER_OTLP_ENDPOINT: z.url({ protocol: /^https?$/, error: "expected an http(s) URL" }).optional(),
  OTEL_SERVICE_NAME: z
    .string()
    .regex(/^[\w.-]{1,64}$/, "expected up to 64 letters, digits or . _ -")
    .optional(),
  /** `true` behind a proxy that starts traces and strips `traceparent` from outside callers. */
  OTEL_TRUST_INCOMING_TRACE: envVar.flag().optional(),
});

const errorTrackingSchema = z.object({
  /** e.g. https://<key>@o0.ingest.sentry.io/<project> */
  SENTRY_DSN: z.url({ protocol: /^https?$/, error: "expected a Sentry DSN (an http(s) URL)" }).optional(),
  SENTRY_ENVIRONMENT: z.string().max(64).optional(),
  SENTRY_RELEASE: z.string().max(200).optional(),
});

/** Tracing's settings; `defaultServiceName` names the process when OTEL_SERVICE_NAME is unset. */
export function readTracingEnv(defaultServiceName: string, env: Vars = process.env): TracingEnv {
  const vars = parseEnv(tracingSchema, env, { what: "tracing configuration" });
  return {
    endpoint: vars.OTEL_EXPORTER_OTLP_ENDPOINT ?? null,
    serviceName: vars.OTEL_SERVICE_NAME ?? defaultServiceName,
    trustIncomingTrace: vars.OTEL_TRUST_INCOMING_TRACE ?? false,
  };
}

/** Error tracking's settings (Sentry). */
export function readErrorTrackingEnv(env: Vars = process.env): ErrorTrackingEnv {
  const vars = parseEnv(errorTrackingSchema, env, { what: "error tracking configuration" });
  return { dsn: vars.SENTRY_DSN ?? null, environment: vars.SENTRY_ENVIRONMENT, release: vars.SENTRY_RELEASE };
}
