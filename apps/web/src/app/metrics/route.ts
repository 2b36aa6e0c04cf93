// GET /metrics: this process's Prometheus metrics (packages/observability), in the text format.
// Only with `Authorization: Bearer <METRICS_TOKEN>`; without a token configured it answers 404,
// like any page that does not exist, so nothing leaks (scrape METRICS_PORT's listener instead,
// see scripts/serve.mjs). Apart from /api/v1/metrics/..., the REST API's dashboard numbers.
import { metricsAnswer } from "@toolboxai/observability/metrics";
import { env } from "~/env";

export const dynamic = "force-dynamic";

export async function GET(req: Request): Promise<Response> {
  const answer = await metricsAnswer(
    { method: req.method, authorization: req.headers.get("authorization") },
    { token: env.metrics.token },
  );
  return new Response(answer.body, { status: answer.status, headers: answer.headers });
}
