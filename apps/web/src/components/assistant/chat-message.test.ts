// What one message of a conversation shows: tool cards with their link, the offline model's
// label, why a guard replaced a reply, and the streaming state. Rendered to HTML on the server, as
// React renders them, so the test sees the markup a browser would get.
import type { AssistantToolCall } from "@toolboxai/validators";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { ChatMessage } from "./chat-message";
import type { ThreadItem } from "./stream-state";
import { ToolCard } from "./tool-card";

const reply = (over: Partial<ThreadItem> = {}): ThreadItem => ({
  key: "a1",
  id: "a1",
  role: "ASSISTANT",
  content: "Here is your lesson.",
  toolCalls: [],
  guard: null,
  provider: "openai",
  status: "COMPLETE",
  live: false,
  ...over,
});
const message = (item: ThreadItem, extra: { onRegenerate?: () => void; author?: string } = {}) =>
  renderToStaticMarkup(createElement(ChatMessage, { item, kind: "TEACHER", compact: false, ...extra }));

const drafted: AssistantToolCall = {
  id: "t1",
  name: "draft_lesson",
  status: "ok",
  input: { topic: "Photosynthesis" },
  card: { label: "Drafted lesson", title: "Photosynthesis", href: "/teacher/content/c1", detail: "3 sections" },
};
const card = (call: AssistantToolCall) => renderToStaticMarkup(createElement(ToolCard, { call }));

describe("a tool card", () => {
  it("says what the tool did and links to the page it made", () => {
    const html = card(drafted);
    expect(html).toContain("Drafted lesson");
    expect(html).toContain(": Photosynthesis");
    expect(html).toContain("3 sections");
    expect(html).toContain('href="/teacher/content/c1"');
    expect(html).toContain('aria-label="Open Photosynthesis"');
  });

  it("shows a refused call with the reason and no link", () => {
    const html = card({ ...drafted, status: "refused", error: "Your API key does not allow drafting" });
    expect(html).toContain('data-status="refused"');
    expect(html).toContain("Not allowed: Your API key does not allow drafting");
    expect(html).not.toContain("href=");
  });

  it("does not follow a link that leaves the app", () => {
    const html = card({ ...drafted, card: { ...drafted.card, href: "https://evil.example/" } });
    expect(html).not.toContain("href=");
  });
});

describe("an assistant message", () => {
  it("labels a reply of the offline model", () => {
    expect(message(reply({ provider: "offline" }))).toContain("Offline model");
    expect(message(reply())).not.toContain("Offline model");
  });

  it("says a guard replaced the reply, and why", () => {
    expect(message(reply({ guard: "answer-key" }))).toContain("Hint instead of an answer: your quiz is still open");
    expect(message(reply({ guard: "safety" }))).toContain("This reply was replaced to keep things safe");
  });

  it("renders the reply as Markdown without raw HTML", () => {
    const html = message(reply({ content: "**Step 1** <script>alert(1)</script>" }));
    expect(html).toContain("<strong>Step 1</strong>");
    expect(html).not.toContain("<script");
  });

  it("marks the reply still streaming as a busy live region with a cursor", () => {
    const html = message(reply({ content: "Photo", status: "STREAMING", live: true }));
    expect(html).toContain('aria-live="polite"');
    expect(html).toContain('aria-busy="true"');
    expect(html).toContain('data-testid="streaming-cursor"');
    expect(message(reply({ content: "", toolCalls: [], status: "STREAMING", live: true }))).toContain("Thinking…");
  });

  it("offers Regenerate only where it is given the action", () => {
    expect(message(reply(), { onRegenerate: () => {} })).toContain("Regenerate");
    expect(message(reply())).not.toContain("Regenerate");
  });

  it("says a reply was stopped", () => {
    expect(message(reply({ status: "STOPPED" }))).toContain("Stopped");
  });
});

describe("a person's message", () => {
  it("is shown as typed, named for a teacher reading a student's conversation", () => {
    const item = reply({ role: "USER", content: "What is **2+2**?", provider: null });
    expect(message(item)).toContain("What is **2+2**?");
    expect(message(item)).toContain("You said:");
    expect(message(item, { author: "Ada Student" })).toContain("Ada Student");
  });
});
