// The offline conversation model: deterministic replies, streamed a word at a time, with a tool
// call when the message asks for something an offered tool does.
import { describe, expect, it } from "vitest";
import { TaskCancelledError } from "../errors";
import { createOfflineConversationModel, OFFLINE_CONVERSATION_MODEL } from "./offline";
import type { ConversationEvent, ConversationRequest, ConversationTool, ConversationTurn } from "./types";

const tool = (name: string): ConversationTool => ({
  name,
  description: `The ${name} tool.`,
  parameters: { type: "object", properties: {} },
});
const TEACHER_TOOLS = ["list_my_classes", "draft_lesson", "draft_quiz", "draft_roblox_environment", "task_status"].map(
  tool,
);
const STUDENT_TOOLS = ["my_assignments", "my_results", "explain_concept"].map(tool);

const ask = (content: string, overrides: Partial<ConversationRequest> = {}): ConversationRequest => ({
  purpose: "assistant",
  messages: [
    { role: "system", content: "You help teachers." },
    { role: "user", content },
  ],
  tools: TEACHER_TOOLS,
  ...overrides,
});

async function collect(request: ConversationRequest, tokenDelayMs = 0): Promise<ConversationEvent[]> {
  const out: ConversationEvent[] = [];
  for await (const event of createOfflineConversationModel({ tokenDelayMs }).converse(request)) out.push(event);
  return out;
}

const textOf = (events: ConversationEvent[]) => events.map((e) => (e.type === "text" ? e.delta : "")).join("");
const callsOf = (events: ConversationEvent[]) =>
  events.flatMap((e) =>
    e.type === "tool_call" ? [{ name: e.call.name, arguments: JSON.parse(e.call.arguments) }] : [],
  );
const doneOf = (events: ConversationEvent[]) => events.find((e) => e.type === "done");

describe("the offline conversation model", () => {
  it("is named offline, so the UI labels its replies", () => {
    expect(createOfflineConversationModel()).toMatchObject({ name: "offline", model: OFFLINE_CONVERSATION_MODEL });
  });

  it("answers the same conversation with the same events", async () => {
    const request = ask("Help me plan a unit on fractions");
    expect(await collect(request)).toEqual(await collect(request));
  });

  it("drafts a lesson when asked: draft_lesson with the topic, finishing with tool_calls", async () => {
    const events = await collect(ask("Draft a lesson on photosynthesis"));
    expect(callsOf(events)).toEqual([{ name: "draft_lesson", arguments: { topic: "Photosynthesis" } }]);
    expect(textOf(events)).toBe("Let me draft that for you.");
    expect(doneOf(events)).toMatchObject({ finishReason: "tool_calls", model: OFFLINE_CONVERSATION_MODEL });
  });

  it.each([
    ["Write a quiz about the water cycle for grade 5.", "draft_quiz", { topic: "Water cycle" }],
    ["Make a Roblox world about volcanoes", "draft_roblox_environment", { topic: "Volcanoes" }],
    ["Show me my classes", "list_my_classes", {}],
    ["What is the status of task cmabc123xyz?", "task_status", { taskId: "cmabc123xyz" }],
  ])("turns %j into a %s call", async (message, name, args) => {
    expect(callsOf(await collect(ask(message)))).toEqual([{ name, arguments: args }]);
  });

  it.each([
    ["What do I have due?", "my_assignments", {}],
    ["How are my grades?", "my_results", {}],
    ["Can you explain photosynthesis to me?", "explain_concept", { concept: "Photosynthesis" }],
  ])("turns the student's %j into a %s call", async (message, name, args) => {
    const events = await collect(ask(message, { purpose: "tutor", tools: STUDENT_TOOLS }));
    expect(callsOf(events)).toEqual([{ name, arguments: args }]);
  });

  it("calls no tool the request does not offer", async () => {
    const events = await collect(ask("Draft a lesson on photosynthesis", { tools: [tool("list_my_classes")] }));
    expect(callsOf(events)).toEqual([]);
    expect(doneOf(events)).toMatchObject({ finishReason: "stop" });
    expect(textOf(events)).toContain("photosynthesis");
  });

  it("gives a planning reply that says what it can do when no tool fits", async () => {
    const text = textOf(await collect(ask("Help me plan a unit on fractions")));
    expect(text).toContain("fractions");
    expect(text).toMatch(/draft a lesson/);
    expect(text).toMatch(/list your classes/);
    expect(text).not.toMatch(/\b(GPT|OpenAI|Claude|language model)\b/i);
  });

  it("answers a tutor's student with a question and a hint about the topic, not the answer", async () => {
    const text = textOf(await collect(ask("Tell me about photosynthesis", { purpose: "tutor", tools: [] })));
    expect(text).toContain("?");
    expect(text).toMatch(/photosynthesis/i);
    expect(text).toMatch(/clue|hint/i);
  });

  it("summarises a draft's tool result with its title and where it will appear", async () => {
    const messages: ConversationTurn[] = [
      { role: "user", content: "Draft a lesson on photosynthesis" },
      {
        role: "assistant",
        content: "Let me draft that for you.",
        toolCalls: [{ id: "call_1", name: "draft_lesson", arguments: '{"topic":"Photosynthesis"}' }],
      },
      {
        role: "tool",
        toolCallId: "call_1",
        content: JSON.stringify({
          taskId: "t1",
          topic: "Photosynthesis",
          subject: "Science",
          gradeLevel: "7",
          status: "QUEUED",
          href: "/x",
        }),
      },
    ];
    const events = await collect(ask("", { messages }));
    expect(textOf(events)).toBe(
      `I've asked the agents to draft the lesson "Photosynthesis". It will appear in your content when it's ready — open it from the card above.`,
    );
    expect(callsOf(events)).toEqual([]);
    expect(doneOf(events)).toMatchObject({ finishReason: "stop" });
  });

  it("summarises a list result with how many and the first few names", async () => {
    const classes = ["Biology 7A", "Biology 7B", "Chemistry", "Physics"].map((name, i) => ({ id: `c${i}`, name }));
    const messages: ConversationTurn[] = [
      { role: "user", content: "List my classes" },
      { role: "assistant", content: "", toolCalls: [{ id: "call_1", name: "list_my_classes", arguments: "{}" }] },
      { role: "tool", toolCallId: "call_1", content: JSON.stringify({ classes }) },
    ];
    expect(textOf(await collect(ask("", { messages })))).toBe(
      'You have 4 classes: "Biology 7A", "Biology 7B" and "Chemistry", and 1 more.',
    );
  });

  it("says what went wrong when the tool failed", async () => {
    const messages: ConversationTurn[] = [
      { role: "user", content: "List my classes" },
      { role: "assistant", content: "", toolCalls: [{ id: "call_1", name: "list_my_classes", arguments: "{}" }] },
      { role: "tool", toolCallId: "call_1", content: JSON.stringify({ error: "You may not do that." }) },
    ];
    expect(textOf(await collect(ask("", { messages })))).toBe("I couldn't finish that: You may not do that.");
  });

  it("streams many text events, a word (with its trailing space) each, waiting between them", async () => {
    const started = Date.now();
    const events = await collect(ask("Help me plan a unit on fractions"), 5);
    const texts = events.filter((e) => e.type === "text");
    expect(texts.length).toBeGreaterThan(10);
    expect(texts.slice(0, -1).every((e) => e.type === "text" && /^\S+\s+$/.test(e.delta))).toBe(true);
    expect(Date.now() - started).toBeGreaterThanOrEqual(5 * (texts.length - 1) - 5);
    expect(events.at(-1)?.type).toBe("done");
  });

  it("estimates the tokens of the prompt and of the reply", async () => {
    const done = doneOf(await collect(ask("Help me plan a unit on fractions")));
    expect(done?.type === "done" && done.usage.promptTokens).toBeGreaterThan(0);
    expect(done?.type === "done" && done.usage.completionTokens).toBeGreaterThan(0);
  });

  it("stops streaming when the signal aborts", async () => {
    const controller = new AbortController();
    const seen: ConversationEvent[] = [];
    const reading = (async () => {
      const model = createOfflineConversationModel({ tokenDelayMs: 5 });
      for await (const event of model.converse(
        ask("Help me plan a unit on fractions", { signal: controller.signal }),
      )) {
        seen.push(event);
        if (seen.length === 3) controller.abort(new TaskCancelledError("stopped"));
      }
    })();
    await expect(reading).rejects.toBeInstanceOf(TaskCancelledError);
    expect(seen).toHaveLength(3);
  });
});
