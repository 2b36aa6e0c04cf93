// The assistant's tools as MCP tools: the same registry the chat's model calls (@toolboxai/core's
// assistant/tools), filtered for the actor, so an API key lists only the tools its role and scopes
// allow. Each call goes through `runTool`, which checks again, validates, runs the services as the
// key's user and audits `assistant.tool_call` with `via: "mcp"`.
import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { type AssistantTool, isDomainError, runTool, type ToolContext, toolsFor } from "@toolboxai/core";
import { z } from "zod";

/** Where unexpected failures of a tool are reported (the message sent back says nothing of them). */
export type ToolFailureLog = (error: unknown, tool: string) => void;

/** Each tool's output schema, checked once per process (a server is built for every request). */
const checkedOutputs = new Map<AssistantTool, z.ZodType | undefined>();

/**
 * The output's schema as MCP's `outputSchema`, when there can be one: MCP's structured content is
 * a JSON object, so only an object schema that converts to JSON Schema qualifies (a tool answering
 * a list, or with a shape JSON Schema cannot say, answers text only).
 */
function outputSchemaOf(tool: AssistantTool): z.ZodType | undefined {
  if (checkedOutputs.has(tool)) return checkedOutputs.get(tool);
  let schema: z.ZodType | undefined;
  if (tool.output instanceof z.ZodObject) {
    try {
      z.toJSONSchema(tool.output, { io: "output" });
      schema = tool.output;
    } catch {
      schema = undefined;
    }
  }
  checkedOutputs.set(tool, schema);
  return schema;
}

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** "Some fields are not valid: topic (Enter a topic.)": a refusal as the client's model reads it. */
function refusalText(error: { message: string; fieldErrors: Record<string, string[]> }): string {
  const fields = Object.entries(error.fieldErrors)
    .filter(([, messages]) => messages.length > 0)
    .map(([field, messages]) => `${field} (${messages.join(" ")})`);
  return fields.length > 0 ? `${error.message} Fields: ${fields.join("; ")}.` : error.message;
}

function errorResult(text: string): CallToolResult {
  return { isError: true, content: [{ type: "text", text }] };
}

/** Registers every tool `ctx.actor` may call on `server`; returns their names. */
export function registerTools(server: McpServer, ctx: ToolContext, onFailure: ToolFailureLog): string[] {
  const tools = toolsFor(ctx.actor);
  for (const tool of tools) {
    const outputSchema = outputSchemaOf(tool);
    server.registerTool(
      tool.name,
      {
        title: tool.title,
        description: tool.description,
        inputSchema: tool.input,
        ...(outputSchema ? { outputSchema } : {}),
      },
      async (args: unknown): Promise<CallToolResult> => {
        try {
          const { output } = await runTool(ctx, tool.name, args, { via: "mcp" });
          return {
            content: [{ type: "text", text: JSON.stringify(output, null, 2) }],
            ...(isPlainObject(output) ? { structuredContent: output } : {}),
          };
        } catch (error) {
          // A refusal (forbidden, not found, invalid input) is the tool's answer: the client's
          // model reads it and may try again. Anything else is ours, and says nothing of itself.
          if (isDomainError(error)) return errorResult(refusalText(error));
          onFailure(error, tool.name);
          return errorResult(
            `Something went wrong on our side${ctx.requestId ? ` (request id ${ctx.requestId})` : ""}. Try again shortly.`,
          );
        }
      },
    );
  }
  return tools.map((t) => t.name);
}
