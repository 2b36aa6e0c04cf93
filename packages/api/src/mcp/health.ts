// What GET /api/health/mcp answers: that the MCP endpoint is served, how many tools the registry
// has (a key lists those its role and scopes allow), the transport and the protocol version.
import { ASSISTANT_TOOLS } from "@toolboxai/core";
import { z } from "zod";
import { MCP_PROTOCOL_VERSION, MCP_TRANSPORT } from "./http";

export const mcpHealthSchema = z.object({
  status: z.literal("ok"),
  /** The tools of the registry; a key lists the ones its role and scopes allow. */
  tools: z.number().int().nonnegative(),
  transport: z.literal(MCP_TRANSPORT),
  /** The newest MCP protocol version the server speaks (older ones are negotiated). */
  protocolVersion: z.string(),
});
export type McpHealth = z.infer<typeof mcpHealthSchema>;

export function mcpHealth(): McpHealth {
  return {
    status: "ok",
    tools: ASSISTANT_TOOLS.length,
    transport: MCP_TRANSPORT,
    protocolVersion: MCP_PROTOCOL_VERSION,
  };
}
