import { downloadHeaders, gradebookCsv } from "@toolboxai/api";
import { correlationResponseHeaders } from "@toolboxai/core";
import { createContext } from "~/server/context";
import { problemOf, problemResponse } from "~/server/problem";
import { limitRoute, rateLimitHeadersOf } from "~/server/rate-limit";

export const dynamic = "force-dynamic";

/**
 * GET /api/classes/:classId/gradebook.csv: the same `gradebook.csv` procedure, as a download
 * (@toolboxai/api's gradebookCsv, which the REST API's /classes/{id}/gradebook.csv also serves).
 * Refusals (401 signed out, 403 for other roles, 404 for a class the caller can't see) come as a
 * small HTML page to a browser that opened the link, as problem+json (RFC 9457) to anything else.
 */
export async function GET(req: Request, { params }: { params: Promise<{ classId: string }> }) {
  const { classId } = await params;
  const ctx = await createContext({ headers: req.headers, source: "csv-export", url: req.url });
  const limited = await limitRoute(ctx, "download.user", req);
  if (limited) return limited;
  try {
    const file = await gradebookCsv(ctx, classId);
    return new Response(file.body, {
      headers: {
        ...downloadHeaders(file),
        ...correlationResponseHeaders(ctx.correlation),
        ...rateLimitHeadersOf([], ctx),
      },
    });
  } catch (error) {
    return problemResponse(
      req,
      problemOf(error),
      ctx.correlation.requestId,
      rateLimitHeadersOf([error as { cause?: unknown }], ctx),
    );
  }
}
