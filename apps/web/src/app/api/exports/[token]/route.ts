import { createCaller, downloadHeaders } from "@toolboxai/api";
import { correlationResponseHeaders } from "@toolboxai/core";
import { TRPCError } from "@trpc/server";
import { createContext } from "~/server/context";
import { problemOf, problemResponse } from "~/server/problem";
import { limitRoute, rateLimitHeadersOf } from "~/server/rate-limit";

export const dynamic = "force-dynamic";

/**
 * GET /api/exports/:token: a person's data export zip (FERPA inspection, GDPR articles 15 and 20),
 * through the `dataExports.download` procedure. The token in the link is a credential (only its
 * hash is stored, and a newer link replaces it), and, as for every download of the app, the
 * request must also come from a signed-in person who sees the export (an admin of its
 * organization, whoever asked for it, its subject, or the subject's linked parent): a forwarded
 * or leaked link opens nothing. 401 signed out; 404 for an unknown token or an export the caller
 * does not see; 410 Gone once the export has expired (its file is deleted then); 429 over the
 * download limit. Refusals come as a small HTML page to a browser, as problem+json otherwise.
 */
export async function GET(req: Request, { params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const ctx = await createContext({ headers: req.headers, source: "data-export", url: req.url });
  const limited = await limitRoute(ctx, "download.user", req);
  if (limited) return limited;
  try {
    const file = await createCaller(ctx).dataExports.download({ token });
    const body = new Uint8Array(file.body);
    return new Response(body, {
      headers: {
        ...downloadHeaders({ filename: file.filename, contentType: file.contentType, body }),
        ...correlationResponseHeaders(ctx.correlation),
        ...rateLimitHeadersOf([], ctx),
      },
    });
  } catch (error) {
    const expired = error instanceof TRPCError && error.code === "PRECONDITION_FAILED";
    const problem = expired
      ? {
          status: 410,
          code: "GONE",
          title: "This download link has expired",
          detail: "Its file was deleted. Ask for a new export of this person's data.",
        }
      : problemOf(error);
    return problemResponse(
      req,
      problem,
      ctx.correlation.requestId,
      rateLimitHeadersOf([error as { cause?: unknown }], ctx),
    );
  }
}
