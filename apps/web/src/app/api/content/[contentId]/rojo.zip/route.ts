import { rojoFileName, rojoZip } from "@toolboxai/agents/roblox";
import { createCaller } from "@toolboxai/api";
import { robloxEnvironmentSchema } from "@toolboxai/validators";
import { createContext } from "~/server/context";
import { problem, problemOf, problemResponse } from "~/server/problem";
import { limitRoute, rateLimitHeadersOf } from "~/server/rate-limit";

export const dynamic = "force-dynamic";

/**
 * GET /api/content/:contentId/rojo.zip: an ENVIRONMENT item as a Rojo project to open in Roblox
 * Studio. Read through the `content.get` procedure, so it answers exactly as the editor would:
 * 401 signed out, 403 for students and parents, 404 for an item the caller can't see; 429 over the
 * download limit. Refusals come as a small HTML page to a browser that opened the link, as
 * problem+json (RFC 9457) to anything else.
 */
export async function GET(req: Request, { params }: { params: Promise<{ contentId: string }> }) {
  const { contentId } = await params;
  const ctx = await createContext({ headers: req.headers, source: "rojo-export" });
  const fail = (status: number, code: string, detail: string) =>
    problemResponse(req, problem(status, code, detail), ctx.correlationId);
  const limited = await limitRoute(ctx, "download.user");
  if (limited) return limited;
  try {
    const item = await createCaller(ctx).content.get({ contentId });
    if (item.type !== "ENVIRONMENT") {
      return fail(400, "BAD_REQUEST", "Only a Roblox environment can be downloaded as a Roblox project.");
    }
    const env = robloxEnvironmentSchema.safeParse(item.body);
    if (!env.success) {
      const issue = env.error.issues[0];
      const where = issue && issue.path.length > 0 ? ` (at ${issue.path.join(".")})` : "";
      return fail(
        400,
        "BAD_REQUEST",
        `This environment's specification is not valid${where}: ${issue?.message ?? "unknown problem"}. Open it in the editor, fix it and save it.`,
      );
    }
    const zip = rojoZip(env.data, { projectName: item.title });
    // A copy with a plain ArrayBuffer behind it, which is what a Response body accepts.
    return new Response(new Uint8Array(zip), {
      headers: {
        "content-type": "application/zip",
        // rojoFileName slugifies the title, so the name is safe inside the quotes.
        "content-disposition": `attachment; filename="${rojoFileName(item.title)}"`,
        "content-length": String(zip.byteLength),
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
