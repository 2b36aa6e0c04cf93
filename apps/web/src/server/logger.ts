import "server-only";
import { correlationLogFields } from "@toolboxai/core";
import { withTraceFields } from "@toolboxai/observability/tracing";
import pino from "pino";
import { env } from "~/env";

/**
 * Structured JSON logs (pino). Every line written while serving a request carries its
 * correlationId and requestId: the production server (scripts/serve.mjs) runs each request in a
 * correlation scope (@toolboxai/core's correlation/scope.ts), and `mixin` reads it per line. With
 * tracing on, a line written inside a span also carries its trace_id and span_id.
 */
export const logger = pino({
  level: env.logLevel,
  base: { service: "web" },
  mixin: withTraceFields(correlationLogFields),
});
