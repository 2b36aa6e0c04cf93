// The stdio bridge: an MCP server on stdin/stdout (what desktop assistants start as a process)
// whose every request is forwarded to ToolboxAI's Streamable HTTP endpoint with the API key.
// A plain forwarder on the SDK's low-level Server: what the HTTP server lists and answers (tools,
// resources, prompts; refusals and errors included) is what the desktop assistant sees.
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { Server } from "@modelcontextprotocol/sdk/server/index.js";
import {
  CallToolRequestSchema,
  CallToolResultSchema,
  ErrorCode,
  GetPromptRequestSchema,
  GetPromptResultSchema,
  ListPromptsRequestSchema,
  ListPromptsResultSchema,
  ListResourcesRequestSchema,
  ListResourcesResultSchema,
  ListResourceTemplatesRequestSchema,
  ListResourceTemplatesResultSchema,
  ListToolsRequestSchema,
  ListToolsResultSchema,
  McpError,
  ReadResourceRequestSchema,
  ReadResourceResultSchema,
} from "@modelcontextprotocol/sdk/types.js";

export const BRIDGE_NAME = "toolboxai-mcp-stdio";
export const BRIDGE_VERSION = "1.0.0";

/** Connects to ToolboxAI's endpoint as an MCP client sending the key; rejects when it refuses (401...). */
export async function connectUpstream(endpoint: URL, apiKey: string): Promise<Client> {
  const client = new Client({ name: BRIDGE_NAME, version: BRIDGE_VERSION });
  const transport = new StreamableHTTPClientTransport(endpoint, {
    requestInit: { headers: { authorization: `Bearer ${apiKey}` } },
  });
  await client.connect(transport);
  return client;
}

/**
 * An upstream failure as the desktop assistant should see it: ToolboxAI's own JSON-RPC errors
 * unchanged, anything else (the server unreachable, a 401 or 429 answer) as an internal error
 * naming what happened.
 */
function forwardedError(error: unknown): McpError {
  if (error instanceof McpError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new McpError(ErrorCode.InternalError, `ToolboxAI could not answer: ${message}`);
}

/** The bridge's server: ToolboxAI's name and instructions, each request forwarded to `upstream`. */
export function createBridgeServer(upstream: Client): Server {
  const info = upstream.getServerVersion() ?? { name: "toolboxai", version: BRIDGE_VERSION };
  const instructions = upstream.getInstructions();
  const server = new Server(
    { name: info.name, version: info.version, ...(info.title ? { title: info.title } : {}) },
    { capabilities: { tools: {}, resources: {}, prompts: {} }, ...(instructions ? { instructions } : {}) },
  );
  const forward = async <T>(call: () => Promise<T>): Promise<T> => {
    try {
      return await call();
    } catch (error) {
      throw forwardedError(error);
    }
  };
  const options = (signal: AbortSignal) => ({ signal });

  server.setRequestHandler(ListToolsRequestSchema, (req, extra) =>
    forward(() => upstream.request(req, ListToolsResultSchema, options(extra.signal))),
  );
  server.setRequestHandler(CallToolRequestSchema, (req, extra) =>
    forward(() => upstream.request(req, CallToolResultSchema, options(extra.signal))),
  );
  server.setRequestHandler(ListResourcesRequestSchema, (req, extra) =>
    forward(() => upstream.request(req, ListResourcesResultSchema, options(extra.signal))),
  );
  server.setRequestHandler(ListResourceTemplatesRequestSchema, (req, extra) =>
    forward(() => upstream.request(req, ListResourceTemplatesResultSchema, options(extra.signal))),
  );
  server.setRequestHandler(ReadResourceRequestSchema, (req, extra) =>
    forward(() => upstream.request(req, ReadResourceResultSchema, options(extra.signal))),
  );
  server.setRequestHandler(ListPromptsRequestSchema, (req, extra) =>
    forward(() => upstream.request(req, ListPromptsResultSchema, options(extra.signal))),
  );
  server.setRequestHandler(GetPromptRequestSchema, (req, extra) =>
    forward(() => upstream.request(req, GetPromptResultSchema, options(extra.signal))),
  );
  return server;
}
