// `pnpm mcp`: ToolboxAI's MCP server for desktop assistants that start MCP servers as processes
// (Claude Desktop and others). Speaks MCP on stdin/stdout and forwards every request to the
// Streamable HTTP endpoint (TOOLBOXAI_URL, http://localhost:3000 by default) with the API key in
// TOOLBOXAI_API_KEY. stdout carries protocol messages only: everything for people goes to stderr.
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { connectUpstream, createBridgeServer } from "./mcp/bridge";
import { bridgeEnv } from "./mcp/env";

async function main(): Promise<void> {
  const env = bridgeEnv();
  if ("problem" in env) {
    console.error(env.problem);
    process.exit(1);
  }
  let upstream: Awaited<ReturnType<typeof connectUpstream>>;
  try {
    upstream = await connectUpstream(env.endpoint, env.apiKey);
  } catch (error) {
    console.error(
      `toolboxai mcp: could not connect to ${env.endpoint.href}: ${error instanceof Error ? error.message : String(error)}`,
    );
    process.exit(1);
  }
  const server = createBridgeServer(upstream);
  let closing = false;
  const shutdown = async () => {
    if (closing) return;
    closing = true;
    await server.close().catch(() => undefined);
    await upstream.close().catch(() => undefined);
    process.exit(0);
  };
  server.onclose = () => void shutdown();
  // The assistant ends the bridge by closing its stdin (then signals, if it lingers).
  process.stdin.on("end", () => void shutdown());
  process.on("SIGTERM", () => void shutdown());
  process.on("SIGINT", () => void shutdown());
  await server.connect(new StdioServerTransport());
  console.error(`toolboxai mcp: forwarding stdio to ${env.endpoint.href}`);
}

void main();
