import { createCaller } from "@toolboxai/api";
import { createContext } from "~/server/context";
import { problemOf, problemResponse } from "~/server/problem";
import { limitRoute, rateLimitHeadersOf } from "~/server/rate-limit";

export const dynamic = "force-dynamic";

/**
 * GET /api/classes/:classId/gradebook.csv: the same `gradebook.csv` procedure, as a download.
 * Refusals (401 signed out, 403 for other roles, 404 for a class the caller can't see) come as a
 * small HTML page to a browser that opened the link, as problem+json (RFC 9457) to anything else.
 */
export async function GET(req: Request, { params }: { params: Promise<{ classId: string }> }) {
  const { classId } = await params;
  const ctx = await createContext({ headers: req.headers, source: "csv-export" });
  const limited = await limitRoute(ctx, "download.user");
  if (limited) return limited;
  try {
    const { filename, csv } = await createCaller(ctx).gradebook.csv({ classId });
    return new Response(`\uFEFF${csv}`, {
      headers: {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": `attachment; filename="${filename}"`,
        "cache-control": "no-store",
        "x-request-id": ctx.correlationId,
      },
    });
  } catch (error) {
    return problemResponse(
      req,
      problemOf(error),
      ctx.correlationId,
      rateLimitHeadersOf([error as { cause?: unknown }]),
    );
  }
}
