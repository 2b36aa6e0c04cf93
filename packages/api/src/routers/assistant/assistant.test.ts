// The `assistant` procedures through the server-side caller on a real database, the offline model
// replying: a message streams its reply and is kept, conversations are listed, renamed and
// deleted by their owner only, a teacher reads their own class's tutor conversations, and a
// refusal thrown while a reply streams reaches the caller as the matching tRPC error.
import { createRateLimiter, RATE_LIMITS } from "@toolboxai/core";
import type { AssistantStreamEvent } from "@toolboxai/validators";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createContextInner } from "../../context";
import { createCaller } from "../../root";
import { createWorld, errorOf, type World } from "../../testing";

let w: World;
let classId: string;

beforeAll(async () => {
  w = await createWorld();
  classId = (
    await w.t.db.class.create({
      data: {
        organizationId: w.orgs.a,
        teacherId: w.users.a.TEACHER.id,
        name: "Period 3 Biology",
        subject: "Science",
        gradeLevel: "7",
        joinCode: "ASSIST01",
      },
    })
  ).id;
  await w.t.db.enrollment.create({ data: { organizationId: w.orgs.a, classId, studentId: w.users.a.STUDENT.id } });
});
afterAll(() => w.t.close());

const as = async (org: "a" | "b", role: "ADMIN" | "TEACHER" | "STUDENT" | "PARENT") =>
  w.caller(await w.actor(org, role));

async function collect(events: AsyncIterable<AssistantStreamEvent>): Promise<AssistantStreamEvent[]> {
  const out: AssistantStreamEvent[] = [];
  for await (const event of events) out.push(event);
  return out;
}

/** A conversation saved as the service would leave it: one exchange, the reply complete. */
async function conversationOf(userId: string, title: string, kind: "TEACHER" | "TUTOR" = "TEACHER") {
  const row = await w.t.db.conversation.create({
    data: { organizationId: w.orgs.a, userId, kind, title, classId: kind === "TUTOR" ? classId : null },
  });
  await w.t.db.conversationMessage.createMany({
    data: [
      { organizationId: w.orgs.a, conversationId: row.id, role: "USER", content: "What is osmosis?" },
      {
        organizationId: w.orgs.a,
        conversationId: row.id,
        role: "ASSISTANT",
        content: "Water moving across a membrane.",
      },
    ],
  });
  return row.id;
}

describe("assistant", () => {
  it("streams a reply to a new message, then lists the conversation with both messages kept", async () => {
    const teacher = await as("a", "TEACHER");
    const events = await collect(await teacher.assistant.send({ content: "Suggest a warm-up on photosynthesis" }));
    const [started] = events;
    expect(started).toMatchObject({ type: "started", provider: "offline", userMessage: { role: "USER" } });
    expect(events.filter((e) => e.type === "text").length).toBeGreaterThan(1);
    const done = events.at(-1);
    expect(done).toMatchObject({ type: "done", message: { role: "ASSISTANT", status: "COMPLETE" } });
    const text = events.flatMap((e) => (e.type === "text" ? [e.delta] : [])).join("");
    expect(done?.type === "done" && done.message.content).toBe(text);

    if (started?.type !== "started") throw new Error("no started event");
    const listed = await teacher.assistant.conversations({});
    expect(listed.map((c) => c.id)).toContain(started.conversationId);
    const detail = await teacher.assistant.conversation({ conversationId: started.conversationId });
    expect(detail.messages.map((m) => [m.role, m.status])).toEqual([
      ["USER", "COMPLETE"],
      ["ASSISTANT", "COMPLETE"],
    ]);
    expect(detail.own).toBe(true);
  });

  it("renames a conversation for its owner, and refuses a blank name", async () => {
    const teacher = await as("a", "TEACHER");
    const id = await conversationOf(w.users.a.TEACHER.id, "Untitled");
    expect(await teacher.assistant.rename({ conversationId: id, title: "  Unit plan: cells  " })).toMatchObject({
      id,
      title: "Unit plan: cells",
    });
    expect((await teacher.assistant.conversations({})).find((c) => c.id === id)?.title).toBe("Unit plan: cells");
    const refused = await errorOf(teacher.assistant.rename({ conversationId: id, title: "   " }));
    expect(refused.code).toBe("BAD_REQUEST");
  });

  it("deletes a conversation from its owner's list; opening it afterwards is NOT_FOUND", async () => {
    const teacher = await as("a", "TEACHER");
    const id = await conversationOf(w.users.a.TEACHER.id, "To delete");
    expect(await teacher.assistant.delete({ conversationId: id })).toEqual({ id });
    expect((await teacher.assistant.conversations({})).map((c) => c.id)).not.toContain(id);
    expect((await errorOf(teacher.assistant.conversation({ conversationId: id }))).code).toBe("NOT_FOUND");
  });

  it("shows nobody else a teacher's conversation: another teacher gets NOT_FOUND for reading, renaming and deleting it", async () => {
    const id = await conversationOf(w.users.a.TEACHER.id, "Private plans");
    const other = w.caller(await w.newActor("a", "TEACHER", "Other Teacher"));
    expect((await other.assistant.conversations({})).map((c) => c.id)).not.toContain(id);
    expect((await errorOf(other.assistant.conversation({ conversationId: id }))).code).toBe("NOT_FOUND");
    expect((await errorOf(other.assistant.rename({ conversationId: id, title: "Mine now" }))).code).toBe("NOT_FOUND");
    expect((await errorOf(other.assistant.delete({ conversationId: id }))).code).toBe("NOT_FOUND");
  });

  it("lets the class's teacher read a student's tutor conversation, read-only; another teacher's class is NOT_FOUND", async () => {
    const id = await conversationOf(w.users.a.STUDENT.id, "Help with osmosis", "TUTOR");
    const teacher = await as("a", "TEACHER");
    const listed = await teacher.assistant.tutorConversations({ classId });
    expect(listed.find((c) => c.id === id)).toMatchObject({ kind: "TUTOR", user: { id: w.users.a.STUDENT.id } });
    expect(await teacher.assistant.conversation({ conversationId: id })).toMatchObject({ own: false });
    expect((await errorOf(teacher.assistant.rename({ conversationId: id, title: "Edited" }))).code).toBe("NOT_FOUND");

    const other = w.caller(await w.newActor("a", "TEACHER", "Not Their Teacher"));
    expect((await errorOf(other.assistant.tutorConversations({ classId }))).code).toBe("NOT_FOUND");
    expect((await errorOf(other.assistant.conversation({ conversationId: id }))).code).toBe("NOT_FOUND");
  });

  it("refuses a student the class's tutor conversations list", async () => {
    const student = await as("a", "STUDENT");
    expect((await errorOf(student.assistant.tutorConversations({ classId }))).code).toBe("FORBIDDEN");
  });

  it("delivers a refusal thrown while a reply streams as the service's tRPC code, not an internal error", async () => {
    const id = await conversationOf(w.users.a.TEACHER.id, "Someone else's");
    const other = w.caller(await w.newActor("a", "TEACHER", "Regenerating Stranger"));
    const refused = await errorOf(collect(await other.assistant.regenerate({ conversationId: id })));
    expect(refused.code).toBe("NOT_FOUND");
  });

  it(`refuses the ${RATE_LIMITS["assistant.send"].points + 1}th message within a minute on the free plan, regenerating included`, async () => {
    const actor = await w.newActor("a", "TEACHER", "Chatty Teacher");
    const rateLimiter = createRateLimiter();
    try {
      // A context per call, as HTTP makes; a stream is counted when it is opened.
      const caller = () => createCaller(createContextInner({ db: w.t.db, actor, rateLimiter, agents: w.agents }));
      const id = await conversationOf(actor.userId, "Many questions");
      for (let i = 0; i < RATE_LIMITS["assistant.send"].points - 1; i++)
        await caller().assistant.send({ content: "Hi" });
      await caller().assistant.regenerate({ conversationId: id });
      const refused = await errorOf(caller().assistant.send({ content: "One more" }));
      expect(refused.code).toBe("TOO_MANY_REQUESTS");
      expect((await errorOf(caller().assistant.regenerate({ conversationId: id }))).code).toBe("TOO_MANY_REQUESTS");
    } finally {
      await rateLimiter.close();
    }
  });

  it("answers stop for a message that is not streaming with stopped: false, and NOT_FOUND for another's", async () => {
    const id = await conversationOf(w.users.a.TEACHER.id, "Finished");
    const reply = await w.t.db.conversationMessage.findFirstOrThrow({
      where: { conversationId: id, role: "ASSISTANT" },
    });
    expect(await (await as("a", "TEACHER")).assistant.stop({ messageId: reply.id })).toEqual({ stopped: false });
    expect((await errorOf((await as("a", "ADMIN")).assistant.stop({ messageId: reply.id }))).code).toBe("NOT_FOUND");
  });
});
