// The MCP server of one request: the assistant's tools the caller may use, the content items it may
// read as resources, and the prompts. Built afresh for every request from the caller's service
// context (the HTTP endpoint is stateless), so what it lists is always what the key allows now.
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import type { ToolContext } from "@toolboxai/core";
import { API_VERSION } from "../openapi/describe";
import { registerPrompts } from "./prompts";
import { registerContentResources } from "./resources";
import { registerTools, type ToolFailureLog } from "./tools";

export const MCP_SERVER_NAME = "toolboxai";

export interface McpServerOptions {
  /** Where a tool's unexpected failure is reported (the client is told only that it failed). */
  onToolFailure?: ToolFailureLog;
}

const INSTRUCTIONS =
  "ToolboxAI is a school's teaching platform. The tools act as the person who made the API key, " +
  "within its scopes: list their classes, search and open content, draft lessons, quizzes and Roblox " +
  "environments (drafts run in the background: poll task_status), and read gradebooks and progress. " +
  "Content items are resources at toolboxai://content/{id}.";

export function createMcpServer(ctx: ToolContext, options: McpServerOptions = {}): McpServer {
  const server = new McpServer(
    { name: MCP_SERVER_NAME, title: "ToolboxAI", version: API_VERSION },
    {
      // Declared up front, so a key that may call nothing still answers tools/list (with none).
      capabilities: { tools: {}, resources: {}, prompts: {} },
      instructions: INSTRUCTIONS,
    },
  );
  const onFailure = options.onToolFailure ?? (() => undefined);
  const tools = registerTools(server, ctx, onFailure);
  registerContentResources(server, ctx);
  registerPrompts(server, new Set(tools));
  return server;
}
