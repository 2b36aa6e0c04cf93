// How the chat shows a reply while it streams: the stream's events folded into the live reply,
// and the live reply laid over the conversation's stored messages until the stored copy is done.
import type { AssistantStreamEvent, ConversationMessageView } from "@toolboxai/validators";
import { describe, expect, it } from "vitest";
import { type LiveAction, type LiveReply, liveReplyReducer, threadItems } from "./stream-state";

const at = new Date("2026-12-01T10:00:00Z");

function message(over: Partial<ConversationMessageView> & Pick<ConversationMessageView, "id" | "role">) {
  return {
    content: "",
    status: "COMPLETE",
    toolCalls: [],
    guard: null,
    provider: null,
    model: null,
    createdAt: at,
    ...over,
  } satisfies ConversationMessageView;
}

const question = message({ id: "u1", role: "USER", content: "Draft a lesson on photosynthesis" });
const started: AssistantStreamEvent = {
  type: "started",
  conversationId: "c1",
  userMessage: question,
  messageId: "a1",
  provider: "offline",
  model: "offline-chat-v1",
};
const card = { label: "Drafted lesson", title: "Photosynthesis", href: "/teacher/content/x1", detail: null };
const toolCall = { id: "t1", name: "draft_lesson", status: "ok" as const, input: {}, card };

function run(
  events: AssistantStreamEvent[],
  first: LiveAction = { type: "send", content: question.content, conversationId: null },
) {
  return [first, ...events.map((event): LiveAction => ({ type: "event", event }))].reduce<LiveReply | null>(
    liveReplyReducer,
    null,
  );
}

describe("the live reply", () => {
  it("starts as sending with what the person typed", () => {
    const live = run([]);
    expect(live).toMatchObject({ status: "sending", content: question.content, conversationId: null, text: "" });
  });

  it("takes the conversation, the reply's id and the model from `started`", () => {
    expect(run([started])).toMatchObject({
      status: "streaming",
      conversationId: "c1",
      messageId: "a1",
      userMessage: question,
      provider: "offline",
    });
  });

  it("adds up text deltas in order and keeps each tool call once", () => {
    const live = run([
      started,
      { type: "text", delta: "Here is " },
      { type: "tool", call: toolCall },
      { type: "tool", call: { ...toolCall, card: { ...card, detail: "3 sections" } } },
      { type: "text", delta: "your lesson." },
    ]);
    expect(live?.text).toBe("Here is your lesson.");
    expect(live?.toolCalls).toEqual([{ ...toolCall, card: { ...card, detail: "3 sections" } }]);
  });

  it("shows the guard's replacement instead of what was streamed so far", () => {
    const live = run([
      started,
      { type: "text", delta: "The answer is 42" },
      { type: "replaced", content: "What do you get if you multiply 6 by 7?", guard: "answer-key" },
    ]);
    expect(live).toMatchObject({ text: "What do you get if you multiply 6 by 7?", guard: "answer-key" });
  });

  it("ends with the saved reply on `done`", () => {
    const saved = message({ id: "a1", role: "ASSISTANT", content: "Done.", provider: "offline" });
    expect(run([started, { type: "text", delta: "Do" }, { type: "done", message: saved }])).toMatchObject({
      status: "done",
      text: "Done.",
      message: saved,
    });
  });

  it("keeps the server's message on `error`", () => {
    const live = run([{ type: "error", message: "Your school's AI budget for today is used up" }]);
    expect(live).toMatchObject({ status: "failed", error: "Your school's AI budget for today is used up" });
  });

  it("ignores what arrives after the person stopped it", () => {
    const stopped = liveReplyReducer(run([started, { type: "text", delta: "Part" }]), { type: "stopped" });
    const late = liveReplyReducer(stopped, { type: "event", event: { type: "text", delta: " more" } });
    expect(late).toMatchObject({ status: "stopped", text: "Part" });
  });

  it("records a failed connection with its message", () => {
    const live = liveReplyReducer(run([]), { type: "failed", message: "The tutor is off for your account" });
    expect(live).toMatchObject({ status: "failed", error: "The tutor is off for your account", userMessage: null });
  });
});

describe("the thread shown", () => {
  const earlier = [
    message({ id: "u0", role: "USER", content: "Hi" }),
    message({ id: "a0", role: "ASSISTANT", content: "Hello" }),
  ];

  it("shows the typed message and a streaming reply before the server answers", () => {
    const items = threadItems(earlier, run([]));
    expect(items.map((i) => [i.role, i.content, i.status])).toEqual([
      ["USER", "Hi", "COMPLETE"],
      ["ASSISTANT", "Hello", "COMPLETE"],
      ["USER", question.content, "SENDING"],
      ["ASSISTANT", "", "STREAMING"],
    ]);
    expect(items.at(-1)?.live).toBe(true);
  });

  it("shows the live text over a half-written stored copy of the reply", () => {
    const live = run([started, { type: "text", delta: "Photosynthesis is" }]);
    const refetched = [
      ...earlier,
      question,
      message({ id: "a1", role: "ASSISTANT", content: "Photo", status: "STREAMING" }),
    ];
    const items = threadItems(refetched, live);
    expect(items.map((i) => i.content)).toEqual(["Hi", "Hello", question.content, "Photosynthesis is"]);
  });

  it("hands over to the stored reply once it is saved", () => {
    const saved = message({ id: "a1", role: "ASSISTANT", content: "Saved text" });
    const live = run([started, { type: "done", message: saved }]);
    expect(threadItems([...earlier, question, saved], live).map((i) => [i.content, i.live])).toEqual([
      ["Hi", false],
      ["Hello", false],
      [question.content, false],
      ["Saved text", false],
    ]);
  });

  it("hides the reply being regenerated, and shows it again when the regeneration is refused", () => {
    const regenerating: LiveAction = { type: "regenerate", conversationId: "c1", replaces: "a0" };
    const streaming = run([{ ...started, userMessage: null, messageId: "a2" }], regenerating);
    expect(threadItems(earlier, streaming).map((i) => i.id)).toEqual(["u0", "a2"]);
    const refused = run([{ type: "error", message: "Budget used up" }], regenerating);
    expect(threadItems(earlier, refused).map((i) => i.id)).toEqual(["u0", "a0"]);
  });

  it("drops a message the server refused before saving it", () => {
    const live = liveReplyReducer(run([]), { type: "failed", message: "Budget used up" });
    expect(threadItems(earlier, live).map((i) => i.id)).toEqual(["u0", "a0"]);
  });

  it("keeps what a stopped reply had written until the stored copy arrives", () => {
    const live = liveReplyReducer(run([started, { type: "text", delta: "Half" }]), { type: "stopped" });
    expect(threadItems(earlier, live).at(-1)).toMatchObject({ content: "Half", status: "STOPPED", live: false });
  });
});
