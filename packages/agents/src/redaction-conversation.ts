// Prompt redaction for the assistants' streamed conversations: the same rule as the agents' calls
// (redaction.ts), applied to every turn the model reads (the system prompt, what the person typed,
// earlier replies, tool calls and their results) and undone in what streams back. A placeholder can
// arrive split across two text deltas ("[STUD" then "ENT_1]"), so a tail that could still become
// one is held back until the next delta (or the end) shows what it is.
import type {
  ConversationEvent,
  ConversationModel,
  ConversationRequest,
  ConversationToolCall,
  ConversationTurn,
} from "./conversation/types";
import { PLACEHOLDER_NOTE, type Redactor, restoreAnswer } from "./redaction";

/** The longest placeholder ([STUDENT_123_MIDDLE12]) fits in this many characters. */
const MAX_PLACEHOLDER_LENGTH = 32;
/** A tail that may be the start of a placeholder: "[" then placeholder characters. */
const PARTIAL_PLACEHOLDER = /\[[A-Z0-9_]*$/iu;

function redactTurn(turn: ConversationTurn, redactor: Redactor, issued: Set<string>): ConversationTurn {
  switch (turn.role) {
    case "assistant":
      return {
        ...turn,
        content: redactor.redact(turn.content, issued),
        toolCalls: turn.toolCalls?.map((c) => ({ ...c, arguments: redactor.redact(c.arguments, issued) })),
      };
    case "tool":
      return { ...turn, content: redactor.redact(turn.content, issued) };
    default:
      return { ...turn, content: redactor.redact(turn.content, issued) };
  }
}

/** Splits the text into what can be shown now and a tail that may be the start of a placeholder. */
export function splitPartialPlaceholder(text: string): { ready: string; held: string } {
  const match = PARTIAL_PLACEHOLDER.exec(text);
  if (!match || text.length - match.index > MAX_PLACEHOLDER_LENGTH) return { ready: text, held: "" };
  return { ready: text.slice(0, match.index), held: text.slice(match.index) };
}

/**
 * `model` behind the redactor: names and emails out of every turn, back into the streamed text and
 * the tool calls' arguments. Only the placeholders this call's prompt carried are restored.
 */
export function redactingConversationModel(model: ConversationModel, redactor: Redactor): ConversationModel {
  if (redactor.size === 0) return model;
  return {
    name: model.name,
    model: model.model,
    async *converse(request: ConversationRequest): AsyncIterable<ConversationEvent> {
      const issued = new Set<string>();
      const messages = request.messages.map((t) => redactTurn(t, redactor, issued));
      const changed = messages.some((t, i) => t.content !== request.messages[i]?.content);
      const first = messages[0];
      if (changed && first?.role === "system") {
        messages[0] = { ...first, content: `${first.content}\n\n${PLACEHOLDER_NOTE}` };
      }
      let held = "";
      for await (const event of model.converse({ ...request, messages })) {
        if (event.type === "text") {
          const split = splitPartialPlaceholder(held + event.delta);
          held = split.held;
          if (split.ready) yield { type: "text", delta: redactor.restore(split.ready, issued) };
          continue;
        }
        if (held) {
          yield { type: "text", delta: redactor.restore(held, issued) };
          held = "";
        }
        if (event.type === "tool_call") {
          const call: ConversationToolCall = {
            ...event.call,
            arguments: restoreAnswer(redactor, event.call.arguments, issued),
          };
          yield { type: "tool_call", call };
          continue;
        }
        yield event;
      }
      if (held) yield { type: "text", delta: redactor.restore(held, issued) };
    },
  };
}
