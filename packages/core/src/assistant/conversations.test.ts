// A person's conversations: listed newest first with their message counts, renamed, deleted
// (gone from the list and from reading), each only by its owner. On a real database, with the
// offline model writing the replies.
import { createOfflineConversationModel } from "@toolboxai/agents";
import type { AssistantStreamEvent } from "@toolboxai/validators";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "../actor";
import { createDomainWorld, type DomainWorld, domainErrorOf } from "../testing";
import { streamAssistantReply } from "./chat";
import { deleteConversation, getConversation, listConversations, renameConversation } from "./conversations";

let w: DomainWorld;
let teacher: Actor;
beforeAll(async () => {
  w = await createDomainWorld();
  teacher = await w.actor("a", "TEACHER");
});
afterAll(() => w?.t.close());

async function start(actor: Actor, content: string): Promise<{ id: string; events: AssistantStreamEvent[] }> {
  const events: AssistantStreamEvent[] = [];
  const stream = streamAssistantReply(w.svc(actor), { model: createOfflineConversationModel() }, { content });
  for await (const event of stream) events.push(event);
  const started = events[0];
  if (started?.type !== "started") throw new Error("the stream did not start");
  return { id: started.conversationId, events };
}

describe("a teacher's conversations", () => {
  it("lists the teacher's own, newest first, with their message counts", async () => {
    const older = await start(teacher, "Ideas for a lesson on fractions");
    const newer = await start(teacher, "Ideas for a lesson on decimals");
    await start(await w.actor("a", "ADMIN"), "Someone else's");
    const list = await listConversations(w.svc(teacher), { kind: "TEACHER" });
    expect(list.map((c) => c.id)).toEqual([newer.id, older.id]);
    expect(list[0]).toMatchObject({ title: "Ideas for a lesson on decimals", messageCount: 2, kind: "TEACHER" });
  });

  it("labels the offline model's replies as offline", async () => {
    const { events } = await start(teacher, "Hello there");
    const done = events.at(-1);
    expect(done?.type === "done" && done.message.provider).toBe("offline");
  });

  it("renames a conversation", async () => {
    const { id } = await start(teacher, "Unit plan");
    const renamed = await renameConversation(w.svc(teacher), { conversationId: id, title: "Fractions unit" });
    expect(renamed.title).toBe("Fractions unit");
    expect((await getConversation(w.svc(teacher), { conversationId: id })).title).toBe("Fractions unit");
  });

  it("deletes a conversation: gone from the list and from reading", async () => {
    const { id } = await start(teacher, "To be deleted");
    await deleteConversation(w.svc(teacher), { conversationId: id });
    expect((await listConversations(w.svc(teacher), { kind: "TEACHER" })).map((c) => c.id)).not.toContain(id);
    expect((await domainErrorOf(getConversation(w.svc(teacher), { conversationId: id }))).code).toBe("NOT_FOUND");
  });

  it("lets only the owner rename or delete, and another organization cannot see it", async () => {
    const { id } = await start(teacher, "Mine only");
    const admin = await w.actor("a", "ADMIN");
    const rename = renameConversation(w.svc(admin), { conversationId: id, title: "Taken" });
    expect((await domainErrorOf(rename)).code).toBe("NOT_FOUND");
    expect((await domainErrorOf(deleteConversation(w.svc(admin), { conversationId: id }))).code).toBe("NOT_FOUND");
    const outsider = await w.actor("b", "TEACHER");
    expect((await domainErrorOf(getConversation(w.svc(outsider), { conversationId: id }))).code).toBe("NOT_FOUND");
  });
});
