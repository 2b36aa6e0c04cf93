// The assistant's tool registry: one list read by the chat service (tools offered to the model
// and run on its calls) and the MCP server (tools listed to and called by a client). `runTool` is
// the one way a tool runs: it refuses tools the actor's role or API key does not allow, parses
// the input, runs the tool as the actor, checks its output, and audits the call either way.
import type { ConversationTool } from "@toolboxai/agents";
import type { AssistantToolCard } from "@toolboxai/validators";
import { z } from "zod";
import type { Actor } from "../../actor";
import { recordAudit } from "../../audit/audit";
import { DomainError, forbidden, invalid, notFound } from "../../errors";
import { classSummary, gradebookSummary, listMyClasses, studentProgress } from "./class-tools";
import { openContent, searchContent } from "./content-tools";
import { draftLesson, draftQuiz, draftRobloxEnvironment, taskStatus } from "./draft-tools";
import { explainConcept, myAssignments, myResults } from "./student-tools";
import type { AssistantTool, ToolCallMeta, ToolContext } from "./types";

export const ASSISTANT_TOOLS: readonly AssistantTool[] = [
  listMyClasses,
  classSummary,
  searchContent,
  openContent,
  draftLesson,
  draftQuiz,
  draftRobloxEnvironment,
  taskStatus,
  gradebookSummary,
  studentProgress,
  myAssignments,
  myResults,
  explainConcept,
];

const byName = new Map(ASSISTANT_TOOLS.map((tool) => [tool.name, tool]));

const ROLE_PLURAL: Record<Actor["role"], string> = {
  ADMIN: "admins",
  TEACHER: "teachers",
  STUDENT: "students",
  PARENT: "parents",
};

/** Why the actor may not call the tool, or null when they may. */
function refusal(actor: Actor, tool: AssistantTool): string | null {
  if (!tool.roles.includes(actor.role)) return `The ${tool.title} tool is not available to ${ROLE_PLURAL[actor.role]}.`;
  // Sessions act with their user's full role; an API key only within its scopes (as for REST).
  if (!actor.apiKeyId) return null;
  const missing = tool.scopes.filter((scope) => !actor.scopes.includes(scope));
  if (missing.length === 0) return null;
  return `This API key lacks the scope${missing.length === 1 ? "" : "s"} ${missing.join(", ")}.`;
}

/** The tools the actor's role allows and, for an API key, its scopes. */
export function toolsFor(actor: Actor): AssistantTool[] {
  return ASSISTANT_TOOLS.filter((tool) => refusal(actor, tool) === null);
}

/** The actor's tools as the model is offered them: name, description, input as JSON Schema. */
export function conversationToolsFor(actor: Actor): ConversationTool[] {
  return toolsFor(actor).map((tool) => ({
    name: tool.name,
    description: tool.description,
    parameters: toolParameters(tool),
  }));
}

/** A tool's input as JSON Schema: the input side (optional fields, no defaults forced), no `$schema`. */
export function toolParameters(tool: AssistantTool): Record<string, unknown> {
  const { $schema: _, ...schema } = z.toJSONSchema(tool.input, { io: "input" }) as Record<string, unknown>;
  return schema;
}

/** The card a conversation shows for a call that failed or was refused. */
export function failedToolCard(name: string, message: string): AssistantToolCard {
  return { label: byName.get(name)?.title ?? "Tool", title: "Could not complete", href: null, detail: message };
}

/**
 * The model's arguments as a value: the JSON text a model writes, or what an MCP client sent.
 * Nothing (or an empty string) is no arguments.
 */
function argumentsOf(raw: unknown, title: string): unknown {
  if (raw === undefined || raw === null) return {};
  if (typeof raw !== "string") return raw;
  if (raw.trim() === "") return {};
  try {
    return JSON.parse(raw);
  } catch {
    throw invalid(`The ${title} tool's input is not valid JSON.`);
  }
}

/** A zod failure as an INVALID DomainError, each message next to its field's dotted path. */
function invalidInput(title: string, error: z.ZodError): DomainError {
  const fieldErrors: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const field = issue.path.map(String).join(".") || "input";
    fieldErrors[field] = [...(fieldErrors[field] ?? []), issue.message];
  }
  const summary = Object.entries(fieldErrors)
    .map(([field, messages]) => `${field}: ${messages.join(", ")}`)
    .join("; ");
  return invalid(`The ${title} tool's input is not valid (${summary}).`, fieldErrors);
}

/** The name as audited: what a model invents may be long or odd, so it is cut. */
const auditedName = (name: string) => name.slice(0, 100);

/**
 * Runs a tool as `ctx.actor`. Throws DomainError: NOT_FOUND for an unknown tool, FORBIDDEN for a
 * role or API key that does not allow it, INVALID (with fieldErrors) for a bad input, and
 * whatever the services throw (a class that is not the teacher's is NOT_FOUND there). Every call,
 * refused or failed too, writes an `assistant.tool_call` audit row carrying the correlation id.
 */
export async function runTool(
  ctx: ToolContext,
  name: string,
  rawInput: unknown,
  meta: ToolCallMeta,
): Promise<{ output: unknown; card: AssistantToolCard }> {
  const audit = (ok: boolean, error?: unknown) =>
    recordAudit(ctx, {
      action: "assistant.tool_call",
      targetType: "AssistantTool",
      targetId: auditedName(name),
      metadata: {
        tool: auditedName(name),
        via: meta.via,
        ...(meta.conversationId ? { conversationId: meta.conversationId } : {}),
        ok,
        ...(error === undefined
          ? {}
          : {
              error: (error instanceof Error ? error.message : String(error)).slice(0, 500),
              ...(error instanceof DomainError ? { code: error.code } : {}),
            }),
      },
    });
  let result: { output: unknown; card: AssistantToolCard };
  try {
    result = await call(ctx, name, rawInput);
  } catch (error) {
    await audit(false, error);
    throw error;
  }
  await audit(true);
  return result;
}

async function call(ctx: ToolContext, name: string, rawInput: unknown) {
  const tool = byName.get(name);
  if (!tool) throw notFound(`Tool ${auditedName(name)}`);
  const refused = refusal(ctx.actor, tool);
  if (refused) throw forbidden(refused);
  const parsed = tool.input.safeParse(argumentsOf(rawInput, tool.title));
  if (!parsed.success) throw invalidInput(tool.title, parsed.error);
  // The output is checked too: what reaches the model and the MCP client is what the schema says.
  const output = tool.output.parse(await tool.run(ctx, parsed.data));
  return { output, card: tool.card(parsed.data, output) };
}
