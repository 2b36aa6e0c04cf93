// Who may read the health routes' details, and what every health answer carries. Shared by
// /api/health, /api/health/ready, /api/health/agents and /api/health/realtime (a private folder:
// Next does not route it).
import "server-only";
import { PROBLEM_CONTENT_TYPE, problemBody } from "@toolboxai/api";
import {
  correlationResponseHeaders,
  presentsHealthToken,
  type RateLimitDecision,
  requestCorrelation,
} from "@toolboxai/core";
import { env } from "~/env";
import { getActor } from "~/server/auth/session";
import { prefersHtml, problem, problemResponse } from "~/server/problem";
import { getRateLimiter, limitByAddress, rateLimitHeadersOf } from "~/server/rate-limit";

export type HealthReader = "monitor" | "admin" | "signed-in" | "anonymous";

/**
 * Who is asking: a monitor with the health token (HEALTH_TOKEN), a signed-in admin, someone else
 * signed in, or nobody. The admin is looked up in the database: when that fails, the caller is
 * anonymous, so a database outage never turns a health answer into a server error.
 */
export async function healthReader(req: Request): Promise<HealthReader> {
  if (presentsHealthToken(req.headers.get("authorization"), env.healthToken)) return "monitor";
  const actor = await getActor().catch(() => null);
  if (!actor) return "anonymous";
  return actor.role === "ADMIN" ? "admin" : "signed-in";
}

export const readsDetails = (reader: HealthReader) => reader === "monitor" || reader === "admin";

/** Counts the request against health.ip; the refusal to send, or the counted decisions for the answer's headers. */
export async function countHealthRequest(
  req: Request,
): Promise<{ refused: Response } | { refused: null; counted: { limits: RateLimitDecision[] } }> {
  const counted = { limits: [] as RateLimitDecision[] };
  const refused = await limitByAddress(getRateLimiter(), req, "health.ip", counted);
  return refused ? { refused } : { refused: null, counted };
}

/** A health answer: JSON, never cached, with the rate-limit fields. */
export function healthJson(body: unknown, status: number, counted: { limits: RateLimitDecision[] }): Response {
  return Response.json(body, {
    status,
    headers: { "cache-control": "no-store", ...rateLimitHeadersOf([], counted) },
  });
}

/**
 * The refusal of a detail-only route: 401 with `WWW-Authenticate: Bearer` when nobody is signed
 * in, 403 for someone signed in who is not an admin. A program gets the REST API's problem+json
 * (`type`, `title`, `status`, `detail`, `instance`, `code`, `requestId`, `correlationId`), a
 * browser that opened the link the app's small error page.
 */
export function healthRefusal(req: Request, reader: HealthReader, counted: { limits: RateLimitDecision[] }) {
  const correlation = requestCorrelation(req.headers, "web");
  const refusal =
    reader === "signed-in"
      ? problem(403, "FORBIDDEN", "Only admins and monitors may read this.")
      : problem(401, "UNAUTHORIZED", "Sign in as an admin, or send the health token as a bearer token.");
  const headers = {
    ...rateLimitHeadersOf([], counted),
    ...(refusal.status === 401 ? { "www-authenticate": 'Bearer realm="health"' } : {}),
  };
  if (prefersHtml(req.headers.get("accept"))) return problemResponse(req, refusal, correlation.requestId, headers);
  const body = problemBody({
    status: refusal.status,
    code: refusal.code,
    detail: refusal.detail,
    instance: new URL(req.url).pathname,
    correlation,
  });
  return new Response(JSON.stringify(body), {
    status: refusal.status,
    headers: {
      ...headers,
      ...correlationResponseHeaders(correlation),
      "content-type": PROBLEM_CONTENT_TYPE,
      "cache-control": "no-store",
    },
  });
}
