// /api/mcp: the MCP server over the assistant's tools (Streamable HTTP, stateless), for desktop
// assistants and other MCP clients holding an API key. @toolboxai/api's handler with this app's
// context: the key is verified (revocation, expiry, IP allowlist) and the request counted against
// the same limits as REST, and its usage is recorded as REST's is. `pnpm mcp` bridges stdio to it.
import { createMcpHandler } from "@toolboxai/api";
import { recordApiKeyResponse } from "~/server/api-key-usage";
import { createContext } from "~/server/context";
import { logger } from "~/server/logger";

export const dynamic = "force-dynamic";

const handler = createMcpHandler({ onResponse: recordApiKeyResponse, logger: logger.child({ component: "mcp" }) });

async function handle(req: Request): Promise<Response> {
  // The context reads the credentials only: the body stays for the MCP transport.
  const ctx = await createContext({ headers: req.headers, source: "mcp", url: req.url });
  return handler(req, ctx);
}

export { handle as DELETE, handle as GET, handle as POST };
