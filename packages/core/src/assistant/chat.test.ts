// The teacher's assistant: a message streams its reply and is kept with its tokens, the model's
// tool calls run through the registry (shown as cards, audited) before it answers, a reply can be
// stopped and written again, and the AI budget counts the conversation's tokens. On a real
// database, with the real `openai` SDK streaming from the local fake OpenAI server.
import { type ConversationModel, createOpenAIConversationModel } from "@toolboxai/agents";
import { type FakeOpenAI, startFakeOpenAI } from "@toolboxai/agents/testing";
import type { AssistantStreamEvent } from "@toolboxai/validators";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "../actor";
import { aiBudgetState } from "../agents/budget";
import type { ServiceContext } from "../context";
import { createDomainWorld, type DomainWorld, domainErrorOf } from "../testing";
import { streamAssistantReply, streamRegeneratedReply } from "./chat";
import { getConversation, listConversations } from "./conversations";
import { NO_ANSWER } from "./reply";
import { stopAssistantReply } from "./stops";

let w: DomainWorld;
let fake: FakeOpenAI;
let model: ConversationModel;
let teacher: Actor;
let ctx: ServiceContext;
beforeAll(async () => {
  w = await createDomainWorld();
  fake = await startFakeOpenAI();
  model = createOpenAIConversationModel({ apiKey: "test", baseURL: fake.url, model: "fake-model" });
  teacher = await w.actor("a", "TEACHER");
  ctx = { ...w.svc(teacher), correlationId: "corr-chat-1" };
});
afterAll(async () => {
  await fake?.close();
  await w?.t.close();
});
afterEach(() => fake.reset());

async function collect(stream: AsyncIterable<AssistantStreamEvent>): Promise<AssistantStreamEvent[]> {
  const events: AssistantStreamEvent[] = [];
  for await (const event of stream) events.push(event);
  return events;
}

const texts = (events: AssistantStreamEvent[]) => events.flatMap((e) => (e.type === "text" ? [e.delta] : [])).join("");

function last<T extends AssistantStreamEvent["type"]>(events: AssistantStreamEvent[], type: T) {
  const found = events.filter((e) => e.type === type).at(-1);
  if (!found) throw new Error(`no ${type} event`);
  return found as Extract<AssistantStreamEvent, { type: T }>;
}

const send = (content: string, conversationId?: string, c = ctx) =>
  collect(streamAssistantReply(c, { model }, { content, ...(conversationId ? { conversationId } : {}) }));

describe("a teacher's message", () => {
  it("streams the reply in pieces and keeps it, with the tokens it used", async () => {
    fake.enqueue({ reply: "Start with a question about sunlight, then let them measure leaf growth." });
    const events = await send("How should I open a lesson on photosynthesis?");
    expect(events[0]).toMatchObject({ type: "started", provider: "openai", model: "fake-model" });
    expect(events.filter((e) => e.type === "text").length).toBeGreaterThan(3);
    expect(texts(events)).toBe("Start with a question about sunlight, then let them measure leaf growth.");
    const done = last(events, "done");
    expect(done.message).toMatchObject({ role: "ASSISTANT", status: "COMPLETE", content: texts(events) });

    const row = await w.t.db.conversationMessage.findUniqueOrThrow({ where: { id: done.message.id } });
    expect(row.promptTokens).toBeGreaterThan(0);
    expect(row.completionTokens).toBeGreaterThan(0);
    expect(row.correlationId).toBe("corr-chat-1");
    expect(row.finishedAt).not.toBeNull();
  });

  it("starts a conversation titled by its first message, and continues it with the history", async () => {
    fake.enqueue({ reply: "Sure." }, { reply: "Week two covers the light reactions." });
    const long = "Plan a three-week unit on photosynthesis for my seventh graders with a quiz at the end of each week";
    const first = await send(long);
    const { conversationId, userMessage } = last(first, "started");
    expect(userMessage).toMatchObject({ role: "USER", content: long });
    const [summary] = (await listConversations(ctx, { kind: "TEACHER" })).filter((c) => c.id === conversationId);
    expect(summary?.title.length).toBeLessThanOrEqual(61);
    expect(long.startsWith(summary?.title.replace("…", "") ?? "-")).toBe(true);

    await send("What about week two?", conversationId);
    const sent = fake.requests.at(-1)?.messages?.map((m) => [m.role, m.content]);
    expect(sent?.[0]?.[0]).toBe("system");
    expect(sent?.slice(1)).toEqual([
      ["user", long],
      ["assistant", "Sure."],
      ["user", "What about week two?"],
    ]);
    const detail = await getConversation(ctx, { conversationId });
    expect(detail.messages.map((m) => m.content)).toEqual([
      long,
      "Sure.",
      "What about week two?",
      "Week two covers the light reactions.",
    ]);
    expect(detail).toMatchObject({ own: true, messageCount: 4 });
  });

  it("runs the model's tool call, shows its card, audits it and then streams the answer", async () => {
    await w.t.db.class.create({
      data: {
        organizationId: w.orgs.a,
        teacherId: teacher.userId,
        name: "Period 3 Biology",
        subject: "Science",
        gradeLevel: "7",
        joinCode: "CHAT-T1",
      },
    });
    fake.enqueue({ toolCalls: [{ name: "list_my_classes", arguments: {} }] }, { reply: "You teach Period 3 Biology." });
    const events = await send("Which classes do I teach?");
    const tool = last(events, "tool");
    expect(tool.call).toMatchObject({ name: "list_my_classes", status: "ok" });
    expect(JSON.stringify(tool.call.output)).toContain("Period 3 Biology");
    expect(tool.call.card.label).not.toBe("");
    expect(events.findIndex((e) => e.type === "tool")).toBeLessThan(events.findIndex((e) => e.type === "text"));
    expect(texts(events)).toBe("You teach Period 3 Biology.");

    // The second round hands the tool's result back to the model.
    const second = fake.requests[1]?.messages ?? [];
    expect(second.find((m) => m.role === "tool")?.content).toContain("Period 3 Biology");
    expect(fake.requests[0]?.tools?.map((t) => t.function.name)).toContain("draft_lesson");

    const done = last(events, "done");
    expect(done.message.toolCalls).toEqual([tool.call]);
    const audit = await w.t.db.auditLog.findFirstOrThrow({
      where: { organizationId: w.orgs.a, action: "assistant.tool_call" },
      orderBy: { createdAt: "desc" },
    });
    expect(audit).toMatchObject({ actorId: teacher.userId, correlationId: "corr-chat-1" });
    expect(audit.metadata).toMatchObject({
      tool: "list_my_classes",
      via: "chat",
      conversationId: last(events, "started").conversationId,
    });
  });

  it("lets the model call tools for at most four rounds, the last one without tools", async () => {
    fake.setDefault({ toolCalls: [{ name: "list_my_classes", arguments: {} }] });
    const events = await send("Keep checking my classes");
    expect(fake.requests).toHaveLength(4);
    expect(fake.requests.slice(0, 3).every((r) => (r.tools?.length ?? 0) > 0)).toBe(true);
    expect(fake.requests[3]?.tools ?? []).toEqual([]);
    expect(events.filter((e) => e.type === "tool")).toHaveLength(3);
    expect(last(events, "done").message).toMatchObject({ status: "COMPLETE", content: NO_ANSWER });
  });

  it("shows a refused tool call as a card and lets the model answer anyway", async () => {
    fake.enqueue({ toolCalls: [{ name: "my_assignments", arguments: {} }] }, { reply: "That is for students." });
    const events = await send("Show my assignments");
    expect(last(events, "tool").call).toMatchObject({ name: "my_assignments", status: "refused" });
    expect(last(events, "done").message.status).toBe("COMPLETE");
  });

  it("sends the model no student's name or email, and streams the name back to the teacher", async () => {
    const student = await w.newActor("a", "STUDENT", "Zoë Quartermaine");
    // The model answers with the placeholder its prompt carried in place of the name.
    fake.enqueue({
      respond: (body) =>
        `${/\[STUDENT_\d+\]/.exec(JSON.stringify(body.messages?.filter((m) => m.role === "user")))?.[0] ?? "?"} is doing well this week.`,
    });
    const events = await send(`How is Zoë Quartermaine (${student.email}) doing?`);
    const body = JSON.stringify(fake.requests[0]);
    expect(body).not.toContain("Quartermaine");
    expect(body).not.toContain(student.email);
    expect(texts(events)).toBe("Zoë Quartermaine is doing well this week.");
  });

  it("saves a failed reply as FAILED and tells the person in a plain sentence", async () => {
    fake.enqueue({ status: 400 });
    const events = await send("Hello?");
    const error = last(events, "error");
    expect(error.message).not.toMatch(/at .*\.ts|Error:/);
    const started = last(events, "started");
    const row = await w.t.db.conversationMessage.findUniqueOrThrow({ where: { id: started.messageId } });
    expect(row.status).toBe("FAILED");
    expect(row.error).toBeTruthy();
  });
});

describe("stop and regenerate", () => {
  it("stops a reply while it streams and keeps the text so far as STOPPED", async () => {
    const words = Array.from({ length: 60 }, (_, i) => `word${i}`).join(" ");
    fake.enqueue({ reply: words, chunkDelayMs: 30 });
    const events: AssistantStreamEvent[] = [];
    for await (const event of streamAssistantReply(ctx, { model }, { content: "Write a long paragraph" })) {
      events.push(event);
      if (events.filter((e) => e.type === "text").length === 3) {
        const started = last(events, "started");
        expect(await stopAssistantReply(ctx, { messageId: started.messageId })).toEqual({ stopped: true });
      }
    }
    const done = last(events, "done");
    expect(done.message.status).toBe("STOPPED");
    expect(done.message.content.length).toBeGreaterThan(0);
    expect(words.startsWith(done.message.content)).toBe(true);
    expect(done.message.content.length).toBeLessThan(words.length);
  });

  it("keeps what there was as STOPPED when the person goes away", async () => {
    fake.enqueue({ reply: "one two three four five six seven eight nine ten", chunkDelayMs: 30 });
    const abort = new AbortController();
    let messageId = "";
    for await (const event of streamAssistantReply(ctx, { model }, { content: "Count" }, abort.signal)) {
      if (event.type === "started") messageId = event.messageId;
      if (event.type === "text") break;
    }
    const row = await w.t.db.conversationMessage.findUniqueOrThrow({ where: { id: messageId } });
    expect(row.status).toBe("STOPPED");
    expect(row.content).toBe("one ");
  });

  it("ends quietly and keeps the text as STOPPED when the request's signal aborts", async () => {
    fake.enqueue({ reply: "alpha beta gamma delta epsilon zeta eta theta iota kappa", chunkDelayMs: 30 });
    const abort = new AbortController();
    const events: AssistantStreamEvent[] = [];
    for await (const event of streamAssistantReply(ctx, { model }, { content: "Greek letters" }, abort.signal)) {
      events.push(event);
      if (event.type === "text") abort.abort();
    }
    expect(events.map((e) => e.type)).not.toContain("error");
    const row = await w.t.db.conversationMessage.findUniqueOrThrow({
      where: { id: last(events, "started").messageId },
    });
    expect(row.status).toBe("STOPPED");
    expect(row.content.startsWith("alpha")).toBe(true);
  });

  it("answers { stopped: false } for a reply that is not running, and NOT_FOUND for someone else's", async () => {
    fake.enqueue({ reply: "Done." });
    const { messageId } = last(await send("Hi"), "started");
    expect(await stopAssistantReply(ctx, { messageId })).toEqual({ stopped: false });
    const colleague = await w.newActor("a", "TEACHER");
    expect((await domainErrorOf(stopAssistantReply(w.svc(colleague), { messageId }))).code).toBe("NOT_FOUND");
  });

  it("writes the last reply again and hides the one it replaces", async () => {
    fake.enqueue({ reply: "First answer." }, { reply: "Second answer." });
    const { conversationId } = last(await send("Give me a warm-up question"), "started");
    const events = await collect(streamRegeneratedReply(ctx, { model }, { conversationId }));
    expect(last(events, "started").userMessage).toBeNull();
    expect(texts(events)).toBe("Second answer.");
    const detail = await getConversation(ctx, { conversationId });
    expect(detail.messages.map((m) => m.content)).toEqual(["Give me a warm-up question", "Second answer."]);
    // The model saw the person's message once, without the hidden reply.
    expect(
      fake.requests
        .at(-1)
        ?.messages?.slice(1)
        .map((m) => m.content),
    ).toEqual(["Give me a warm-up question"]);
  });

  it("regenerates only in the actor's own conversation", async () => {
    fake.enqueue({ reply: "Mine." });
    const { conversationId } = last(await send("Hello"), "started");
    const other = await w.actor("a", "ADMIN");
    const error = await domainErrorOf(collect(streamRegeneratedReply(w.svc(other), { model }, { conversationId })));
    expect(error.code).toBe("NOT_FOUND");
  });
});

describe("who may use the teacher's assistant, and the budget", () => {
  it("refuses a student the teacher's assistant before anything is saved", async () => {
    const student = await w.actor("a", "STUDENT");
    const before = await w.t.db.conversation.count();
    const error = await domainErrorOf(send("Write my essay", undefined, w.svc(student)));
    expect(error.code).toBe("FORBIDDEN");
    expect(await w.t.db.conversation.count()).toBe(before);
  });

  it("counts the conversation's tokens in the budget and refuses once it is used up", async () => {
    const admin = await w.actor("a", "ADMIN");
    const actx = w.svc(admin);
    const before = (await aiBudgetState(actx.db, w.orgs.a)).used;
    fake.enqueue({ reply: "A short answer for the budget." });
    const done = last(await send("Budget check", undefined, actx), "done");
    const row = await w.t.db.conversationMessage.findUniqueOrThrow({ where: { id: done.message.id } });
    const used = (await aiBudgetState(actx.db, w.orgs.a)).used;
    expect(used - before).toBe(row.promptTokens + row.completionTokens);

    await w.t.db.organization.update({ where: { id: w.orgs.a }, data: { aiDailyTokenBudget: used } });
    try {
      const error = await domainErrorOf(send("One more?", undefined, actx));
      expect(error.code).toBe("TOO_MANY_REQUESTS");
      expect(error.message).toContain("daily AI budget");
      expect(error.retryAfterSeconds).toBeGreaterThan(0);
    } finally {
      await w.t.db.organization.update({ where: { id: w.orgs.a }, data: { aiDailyTokenBudget: null } });
    }
  });

  it("does not apply the generation role switch to conversations", async () => {
    await w.t.db.organization.update({ where: { id: w.orgs.a }, data: { aiGenerateRoles: ["ADMIN"] } });
    try {
      fake.enqueue({ reply: "Still here." });
      expect(last(await send("Are you on?"), "done").message.content).toBe("Still here.");
    } finally {
      await w.t.db.organization.update({ where: { id: w.orgs.a }, data: { aiGenerateRoles: ["ADMIN", "TEACHER"] } });
    }
  });
});
