// One reply of an assistant, streamed: the model's text as it comes, its tool calls run through
// the registry and shown as cards, the results handed back for another round (at most
// MAX_TOOL_ROUNDS), and the row saved at the end however the reply ends: COMPLETE, STOPPED (the
// person pressed Stop or went away: the text so far is kept) or FAILED (the model failed: the
// person reads a plain sentence, the row keeps the error). The tutor's text goes through the
// guard (./tutor-guard.ts) before it is shown.

import {
  type ConversationModel,
  type ConversationToolCall,
  type ConversationTurn,
  organizationRedactor,
  redactingConversationModel,
} from "@toolboxai/agents";
import type { Prisma } from "@toolboxai/db";
import type { AssistantGuard, AssistantStreamEvent, AssistantToolCall } from "@toolboxai/validators";
import type { TaskRuntime } from "../agents/tasks";
import type { ServiceContext } from "../context";
import { isDomainError } from "../errors";
import { conversationMessageSelect, toMessageView } from "./conversations";
import { registerRunningReply } from "./stops";
import { conversationToolsFor, failedToolCard, runTool } from "./tools/registry";
import type { TutorGuard } from "./tutor-guard";

/** How many times the model may call tools before it must answer. */
export const MAX_TOOL_ROUNDS = 4;

export interface AssistantDeps {
  model: ConversationModel;
  /** The agents' runtime, for the tools that start a draft. */
  agents?: () => TaskRuntime;
}

export interface ReplyPlan {
  conversationId: string;
  messageId: string;
  kind: "TEACHER" | "TUTOR";
  turns: ConversationTurn[];
  /** The tutor's guard; none for the teacher's assistant. */
  guard: TutorGuard | null;
  /** The first event, yielded by the stream so that a reader leaving at once still closes the row. */
  started: Extract<AssistantStreamEvent, { type: "started" }>;
  /** Set when the reply is decided without the model (the student's own message was unsafe). */
  fixed?: { content: string; guard: AssistantGuard } | undefined;
}

export const NO_ANSWER = "I could not finish that answer. Try asking in a different way.";

export const FAILED_MESSAGE = "The assistant could not answer just now. Please try again in a moment.";

/** The arguments as the model wrote them, for the card's record; the registry parses them itself. */
function argumentsForRecord(text: string): unknown {
  try {
    return text.trim() ? JSON.parse(text) : {};
  } catch {
    return text;
  }
}

/** Runs one tool call of the model's; a refusal or a failure becomes the call's status, never the reply's. */
async function runToolCall(
  ctx: ServiceContext,
  deps: AssistantDeps,
  conversationId: string,
  call: ConversationToolCall,
): Promise<AssistantToolCall> {
  const input = argumentsForRecord(call.arguments);
  try {
    // The raw text goes in: the registry parses it, and audits a call whose JSON is broken too.
    const { output, card } = await runTool({ ...ctx, agents: deps.agents }, call.name, call.arguments, {
      via: "chat",
      conversationId,
    });
    return { id: call.id, name: call.name, status: "ok", input, output, card };
  } catch (e) {
    // A DomainError's message is written for people; anything else is a bug, which the model need not read.
    const error = isDomainError(e) ? e.message : `Something went wrong running ${call.name}.`;
    const status = isDomainError(e) && e.code === "FORBIDDEN" ? "refused" : "error";
    return { id: call.id, name: call.name, status, input, error, card: failedToolCard(call.name, error) };
  }
}

const toolResult = (call: AssistantToolCall) =>
  JSON.stringify(call.status === "ok" ? (call.output ?? null) : { error: call.error ?? "failed" });

function isAbort(e: unknown, signal: AbortSignal): boolean {
  return signal.aborted || (e instanceof Error && e.name === "AbortError");
}

/**
 * Streams the reply of `plan` and saves it. Never throws once started: a stop ends it quietly
 * (STOPPED), a model failure yields `error` (FAILED).
 */
export async function* streamReply(
  ctx: ServiceContext,
  deps: AssistantDeps,
  plan: ReplyPlan,
  signal?: AbortSignal,
): AsyncGenerator<AssistantStreamEvent> {
  const stop = new AbortController();
  const onAbort = () => stop.abort();
  if (signal?.aborted) stop.abort();
  signal?.addEventListener("abort", onAbort, { once: true });
  const unregister = registerRunningReply(plan.messageId, stop);

  // No student's or parent's name or email reaches the model (the agents' rule, redaction.ts).
  const model = redactingConversationModel(deps.model, await organizationRedactor(ctx.db, ctx.actor.orgId));
  const usage = { promptTokens: 0, completionTokens: 0 };
  const toolCalls: AssistantToolCall[] = [];
  let content = "";
  let modelName = deps.model.model;
  let replaced = plan.fixed ?? null;
  let saved = false;

  const save = async (status: "COMPLETE" | "STOPPED" | "FAILED", error?: string) => {
    saved = true;
    const shown = replaced ? replaced.content : plan.guard ? plan.guard.shown : content;
    const row = await ctx.db.conversationMessage.update({
      where: { id: plan.messageId },
      data: {
        content: shown,
        status,
        // Tool inputs and outputs are JSON the model and the tools produced (`unknown` to the type).
        toolCalls: toolCalls as Prisma.InputJsonValue,
        guard: replaced?.guard ?? null,
        model: modelName,
        promptTokens: usage.promptTokens,
        completionTokens: usage.completionTokens,
        error: error ?? null,
        finishedAt: new Date(),
      },
      select: conversationMessageSelect,
    });
    await ctx.db.conversation.update({ where: { id: plan.conversationId }, data: { updatedAt: new Date() } });
    return toMessageView(row);
  };

  try {
    yield plan.started;
    if (replaced) {
      yield { type: "replaced", content: replaced.content, guard: replaced.guard };
      yield { type: "done", message: await save("COMPLETE") };
      return;
    }
    const turns = [...plan.turns];
    const tools = conversationToolsFor(ctx.actor);
    for (let round = 1; round <= MAX_TOOL_ROUNDS && !replaced; round += 1) {
      // A stop while a tool ran ends the reply here (the model would not be asked again).
      stop.signal.throwIfAborted();
      const calls: ConversationToolCall[] = [];
      let roundText = "";
      const stream = model.converse({
        purpose: plan.kind === "TUTOR" ? "tutor" : "assistant",
        messages: turns,
        // The last round offers no tools, so the model has to answer.
        tools: round < MAX_TOOL_ROUNDS ? tools : [],
        signal: stop.signal,
      });
      for await (const event of stream) {
        if (event.type === "done") {
          usage.promptTokens += event.usage.promptTokens;
          usage.completionTokens += event.usage.completionTokens;
          modelName = event.model;
        } else if (event.type === "tool_call") {
          calls.push(event.call);
        } else {
          // Rounds are separate paragraphs of one reply.
          const delta = !roundText && content && !/\s$/.test(content) ? `\n\n${event.delta}` : event.delta;
          roundText += event.delta;
          content += delta;
          if (!plan.guard) {
            yield { type: "text", delta };
            continue;
          }
          const verdict = plan.guard.push(delta);
          if (verdict.type === "replaced") {
            replaced = verdict;
            break; // leaving the loop closes the model's stream
          }
          if (verdict.text) yield { type: "text", delta: verdict.text };
        }
      }
      // Calls in the last round (offered no tools) are not run: the reply ends with what it has.
      if (replaced || calls.length === 0 || round === MAX_TOOL_ROUNDS) break;
      turns.push({ role: "assistant", content: roundText, toolCalls: calls });
      for (const call of calls) {
        const done = await runToolCall(ctx, deps, plan.conversationId, call);
        toolCalls.push(done);
        yield { type: "tool", call: done };
        turns.push({ role: "tool", toolCallId: call.id, content: toolResult(done) });
      }
    }
    // A model that ends its stream quietly on abort (rather than throwing) was stopped all the same.
    stop.signal.throwIfAborted();
    if (!replaced && !content.trim()) {
      // Only tool calls and no words: say so rather than leave an empty bubble.
      content = NO_ANSWER;
      const verdict = plan.guard ? plan.guard.push(NO_ANSWER) : { type: "text" as const, text: NO_ANSWER };
      if (verdict.type === "text" && verdict.text) yield { type: "text", delta: verdict.text };
    }
    if (!replaced && plan.guard) {
      const verdict = plan.guard.flush();
      if (verdict.type === "replaced") replaced = verdict;
      else if (verdict.text) yield { type: "text", delta: verdict.text };
    }
    if (replaced) yield { type: "replaced", content: replaced.content, guard: replaced.guard };
    yield { type: "done", message: await save("COMPLETE") };
  } catch (e) {
    if (isAbort(e, stop.signal)) {
      const message = await save("STOPPED");
      if (!signal?.aborted) yield { type: "done", message };
      return;
    }
    await save("FAILED", e instanceof Error ? e.message : String(e));
    yield { type: "error", message: isDomainError(e) ? e.message : FAILED_MESSAGE };
  } finally {
    unregister();
    signal?.removeEventListener("abort", onAbort);
    // The consumer stopped reading (the subscription closed) before the reply ended: keep what there was.
    if (!saved) await save("STOPPED");
  }
}
