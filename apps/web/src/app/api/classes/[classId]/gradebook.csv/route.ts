import { createCaller } from "@toolboxai/api";
import { TRPCError } from "@trpc/server";
import { getHTTPStatusCodeFromError } from "@trpc/server/http";
import { createContext } from "~/server/context";
import { limitRoute, rateLimitHeadersOf } from "~/server/rate-limit";

export const dynamic = "force-dynamic";

/** GET /api/classes/:classId/gradebook.csv: the same `gradebook.csv` procedure, as a download. */
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
    const e = error instanceof TRPCError ? error : new TRPCError({ code: "INTERNAL_SERVER_ERROR" });
    const message = e.code === "INTERNAL_SERVER_ERROR" ? "Something went wrong on our side." : e.message;
    return Response.json(
      { error: { code: e.code, message, requestId: ctx.correlationId } },
      { status: getHTTPStatusCodeFromError(e), headers: rateLimitHeadersOf([e]) },
    );
  }
}
