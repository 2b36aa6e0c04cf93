// Where this process serves its Prometheus metrics (GET /metrics). Each app's env.ts calls this
// (the only modules that read process.env), so a wrong value stops the process at start.
//   METRICS_TOKEN          required as `Authorization: Bearer <token>` wherever /metrics is served;
//                          on the web app's own port, /metrics answers 404 without it
//   METRICS_PORT / _HOST   the web app's internal listener (apps/web/scripts/serve.mjs reads them)
//   WORKER_METRICS_PORT / _HOST   the worker's listener (unset: the worker serves no metrics)
import { envVar, parseEnv } from "@toolboxai/validators";
import { z } from "zod";
import { isLoopbackHost } from "./http-metrics.mjs";

type Vars = Record<string, string | undefined>;

const port = () => envVar.int(1, 65535, "expected a port number from 1 to 65535").optional();
const host = () =>
  z
    .string()
    .regex(/^[\w.:-]{1,253}$/, "expected a host name or an IP address")
    .default("127.0.0.1");

// A listener beyond the loopback interface would hand the metrics to anyone who can reach it.
const schema = z
  .object({
    METRICS_TOKEN: z.string().min(24, "METRICS_TOKEN must be at least 24 characters").optional(),
    METRICS_PORT: port(),
    METRICS_HOST: host(),
    WORKER_METRICS_PORT: port(),
    WORKER_METRICS_HOST: host(),
  })
  .superRefine((vars, ctx) => {
    if (vars.METRICS_TOKEN) return;
    for (const name of ["METRICS_HOST", "WORKER_METRICS_HOST"] as const) {
      if (isLoopbackHost(vars[name])) continue;
      ctx.addIssue({
        code: "custom",
        path: [name],
        message: `${name} is not a loopback address, so METRICS_TOKEN is required (set METRICS_TOKEN, or listen on 127.0.0.1)`,
      });
    }
  });

export interface MetricsListen {
  port: number;
  host: string;
}

export interface MetricsEnv {
  /** The bearer token /metrics requires; null: none (then the app's own port does not serve it). */
  token: string | null;
  /** The web app's internal listener; null: none. */
  web: MetricsListen | null;
  /** The worker's listener; null: none. */
  worker: MetricsListen | null;
}

export function readMetricsEnv(env: Vars): MetricsEnv {
  const vars = parseEnv(schema, env, { what: "metrics configuration" });
  return {
    token: vars.METRICS_TOKEN ?? null,
    web: vars.METRICS_PORT ? { port: vars.METRICS_PORT, host: vars.METRICS_HOST } : null,
    worker: vars.WORKER_METRICS_PORT ? { port: vars.WORKER_METRICS_PORT, host: vars.WORKER_METRICS_HOST } : null,
  };
}
