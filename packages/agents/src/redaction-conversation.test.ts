// Redaction of the assistants' conversations: what the model reads carries placeholders, and what
// streams back carries the real names again, even when a placeholder is split across deltas.
import { describe, expect, it } from "vitest";
import type { ConversationEvent, ConversationModel, ConversationRequest } from "./conversation/types";
import { createRedactor } from "./redaction";
import { redactingConversationModel, splitPartialPlaceholder } from "./redaction-conversation";

const redactor = createRedactor([{ name: "Zoë Quartermaine", email: "zoe.q@example.org", kind: "STUDENT" }]);

/** A model that records what it read and streams back the scripted events. */
function scripted(events: ConversationEvent[]) {
  const seen: ConversationRequest[] = [];
  const model: ConversationModel = {
    name: "scripted",
    model: "scripted-1",
    async *converse(request) {
      seen.push(request);
      yield* events;
    },
  };
  return { model, seen };
}

const done: ConversationEvent = {
  type: "done",
  usage: { promptTokens: 1, completionTokens: 1 },
  model: "scripted-1",
  finishReason: "stop",
};

async function collect(model: ConversationModel, request: ConversationRequest) {
  const out: ConversationEvent[] = [];
  for await (const e of model.converse(request)) out.push(e);
  return out;
}

const textOf = (events: ConversationEvent[]) => events.map((e) => (e.type === "text" ? e.delta : "")).join("");

describe("redactingConversationModel", () => {
  it("sends no name or email in any turn, tool calls and results included", async () => {
    const { model, seen } = scripted([done]);
    await collect(redactingConversationModel(model, redactor), {
      purpose: "assistant",
      tools: [],
      messages: [
        { role: "system", content: "You help teachers." },
        { role: "user", content: "How is Zoë Quartermaine doing? Her email is zoe.q@example.org" },
        {
          role: "assistant",
          content: "",
          toolCalls: [{ id: "c1", name: "student_progress", arguments: '{"name":"Zoë Quartermaine"}' }],
        },
        { role: "tool", toolCallId: "c1", content: '{"student":"Zoë Quartermaine","average":81}' },
      ],
    });
    const body = JSON.stringify(seen[0]?.messages);
    expect(body).not.toContain("Quartermaine");
    expect(body).not.toContain("zoe.q@example.org");
    expect(body).toContain("[STUDENT_1]");
    expect(seen[0]?.messages[0]?.content).toContain("stands for a person's name");
  });

  it("restores a placeholder split across two text deltas", async () => {
    const { model } = scripted([
      { type: "text", delta: "I looked at [STUD" },
      { type: "text", delta: "ENT_1]'s quizzes." },
      done,
    ]);
    const events = await collect(redactingConversationModel(model, redactor), {
      purpose: "assistant",
      tools: [],
      messages: [{ role: "user", content: "How is Zoë Quartermaine doing?" }],
    });
    expect(textOf(events)).toBe("I looked at Zoë Quartermaine's quizzes.");
    expect(events.at(-1)).toEqual(done);
  });

  it("restores names in a tool call's arguments", async () => {
    const { model } = scripted([
      { type: "tool_call", call: { id: "c1", name: "student_progress", arguments: '{"student":"[STUDENT_1]"}' } },
      done,
    ]);
    const events = await collect(redactingConversationModel(model, redactor), {
      purpose: "assistant",
      tools: [],
      messages: [{ role: "user", content: "Progress of Zoë Quartermaine" }],
    });
    const call = events.find((e) => e.type === "tool_call");
    expect(call?.type === "tool_call" && JSON.parse(call.call.arguments)).toEqual({ student: "Zoë Quartermaine" });
  });

  it("leaves a placeholder the prompt never carried as written", async () => {
    const { model } = scripted([{ type: "text", delta: "Ask [STUDENT_9] too." }, done]);
    const events = await collect(redactingConversationModel(model, redactor), {
      purpose: "assistant",
      tools: [],
      messages: [{ role: "user", content: "How is Zoë Quartermaine doing?" }],
    });
    expect(textOf(events)).toBe("Ask [STUDENT_9] too.");
  });

  it("flushes a held tail that never became a placeholder", async () => {
    const { model } = scripted([{ type: "text", delta: "See [note" }, done]);
    const events = await collect(redactingConversationModel(model, redactor), {
      purpose: "assistant",
      tools: [],
      messages: [{ role: "user", content: "Zoë Quartermaine" }],
    });
    expect(textOf(events)).toBe("See [note");
  });
});

describe("splitPartialPlaceholder", () => {
  it("holds back a tail that may start a placeholder and nothing else", () => {
    expect(splitPartialPlaceholder("Hello [STU")).toEqual({ ready: "Hello ", held: "[STU" });
    expect(splitPartialPlaceholder("Hello [STUDENT_1] ok")).toEqual({ ready: "Hello [STUDENT_1] ok", held: "" });
    expect(splitPartialPlaceholder("a, b.")).toEqual({ ready: "a, b.", held: "" });
  });
});
