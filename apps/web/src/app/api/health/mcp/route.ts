import { mcpHealth } from "@toolboxai/api";
import { countHealthRequest, healthJson } from "../_shared/access";

export const dynamic = "force-dynamic";

/**
 * GET /api/health/mcp: that the MCP endpoint (/api/mcp) is served, with how many tools the
 * registry has (a key lists those its role and scopes allow), the transport (`streamable-http`)
 * and the newest protocol version it speaks. Public: it says nothing about anyone's data.
 */
export async function GET(req: Request) {
  const limit = await countHealthRequest(req);
  if (limit.refused) return limit.refused;
  return healthJson(mcpHealth(), 200, limit.counted);
}
