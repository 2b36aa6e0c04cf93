// What a tool of the assistant is: one typed entry of the registry (./registry.ts), shared by the
// chat service (the model calls it) and the MCP server (a client calls it). A tool only calls the
// domain services as the acting user, so it can never do what that user could not.
import type { Role } from "@toolboxai/db";
import type { ApiScope, AssistantToolCard } from "@toolboxai/validators";
import type { z } from "zod";
import type { TaskRuntime } from "../../agents/tasks";
import type { ServiceContext } from "../../context";

/** What a tool runs with: the caller's service context, and the agents' runtime where the server has one. */
export type ToolContext = ServiceContext & { agents?: (() => TaskRuntime) | undefined };

/** Where a call came from, for the audit row. */
export interface ToolCallMeta {
  via: "chat" | "mcp";
  conversationId?: string | undefined;
}

export interface AssistantTool<I = unknown, O = unknown> {
  /** The name the model and MCP clients call it by (`draft_lesson`). */
  name: string;
  /** For people: "Draft a lesson". */
  title: string;
  /** For the model: what it does and when to use it. */
  description: string;
  /** The roles that may call it. */
  roles: readonly Role[];
  /** What an API key must hold to call it (sessions are not limited by scopes). */
  scopes: readonly ApiScope[];
  /** An object schema: the model's arguments are parsed with it, and it is shown as JSON Schema. */
  input: z.ZodType<I>;
  output: z.ZodType<O>;
  // Methods (not function properties) so a tool of any input and output fits the registry's list.
  run(ctx: ToolContext, input: I): Promise<O>;
  /** What the conversation shows for a successful call. */
  card(input: I, output: O): AssistantToolCard;
}

/** A tool with its types checked where it is written, stored in the registry's list. */
export function defineTool<I, O>(tool: AssistantTool<I, O>): AssistantTool {
  return tool as AssistantTool;
}

export const TEACHING_ROLES = ["TEACHER", "ADMIN"] as const satisfies readonly Role[];
export const STUDENT_ROLES = ["STUDENT"] as const satisfies readonly Role[];

/** An ISO string of a date, or null. */
export const isoOrNull = (d: Date | null): string | null => (d ? d.toISOString() : null);
