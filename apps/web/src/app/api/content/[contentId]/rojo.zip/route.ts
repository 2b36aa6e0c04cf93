import { downloadHeaders, rojoProject } from "@toolboxai/api";
import { correlationResponseHeaders } from "@toolboxai/core";
import { createContext } from "~/server/context";
import { problemOf, problemResponse } from "~/server/problem";
import { limitRoute, rateLimitHeadersOf } from "~/server/rate-limit";

export const dynamic = "force-dynamic";

/**
 * GET /api/content/:contentId/rojo.zip: an ENVIRONMENT item as a Rojo project to open in Roblox
 * Studio (@toolboxai/api's rojoProject, which the REST API's /roblox/environments/{id}/rojo also
 * serves). Read through the `content.get` procedure, so it answers exactly as the editor would:
 * 401 signed out, 403 for students and parents, 404 for an item the caller can't see, 400 for
 * another kind of item; 429 over the download limit. Refusals come as a small HTML page to a
 * browser that opened the link, as problem+json (RFC 9457) to anything else.
 */
export async function GET(req: Request, { params }: { params: Promise<{ contentId: string }> }) {
  const { contentId } = await params;
  const ctx = await createContext({ headers: req.headers, source: "rojo-export", url: req.url });
  const limited = await limitRoute(ctx, "download.user", req);
  if (limited) return limited;
  try {
    const file = await rojoProject(ctx, contentId);
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
