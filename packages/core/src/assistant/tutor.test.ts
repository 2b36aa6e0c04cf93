// The student's tutor: only in the student's own classes, only with a parent's consent where the
// student is under 13, never giving away the answer of a quiz the student has open (the reply is
// replaced by a hint), answering an unsafe message without the model; and the class's teacher can
// read it. On a real database, with the real `openai` SDK streaming from the local fake server.
import { type ConversationModel, createOpenAIConversationModel } from "@toolboxai/agents";
import { type FakeOpenAI, startFakeOpenAI } from "@toolboxai/agents/testing";
import type { AssistantStreamEvent } from "@toolboxai/validators";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "../actor";
import { consentMessage } from "../privacy/consent";
import { createDomainWorld, type DomainWorld, domainErrorOf } from "../testing";
import { streamAssistantReply } from "./chat";
import { getConversation, listConversations, listTutorConversations } from "./conversations";

let w: DomainWorld;
let fake: FakeOpenAI;
let model: ConversationModel;
let teacher: Actor;
let student: Actor;
let classId: string;
let otherClassId: string;
let quizAssignmentId: string;

async function classOf(teacherId: string, name: string, code: string) {
  const row = await w.t.db.class.create({
    data: { organizationId: w.orgs.a, teacherId, name, subject: "Science", gradeLevel: "6", joinCode: code },
  });
  return row.id;
}

beforeAll(async () => {
  w = await createDomainWorld();
  fake = await startFakeOpenAI();
  model = createOpenAIConversationModel({ apiKey: "test", baseURL: fake.url, model: "fake-model" });
  teacher = await w.actor("a", "TEACHER");
  student = await w.actor("a", "STUDENT");
  classId = await classOf(teacher.userId, "Grade 6 Science", "TUTOR-1");
  otherClassId = await classOf(teacher.userId, "Grade 6 History", "TUTOR-2");
  await w.t.db.enrollment.create({ data: { organizationId: w.orgs.a, classId, studentId: student.userId } });

  // A quiz on scientists, assigned to the class, with the student's attempt open.
  const question = await w.t.db.question.create({
    data: {
      organizationId: w.orgs.a,
      ownerId: teacher.userId,
      type: "SHORT_ANSWER",
      prompt: "Who discovered radium?",
      answer: { accepted: ["Marie Curie"], caseSensitive: false },
    },
  });
  const quiz = await w.t.db.contentItem.create({
    data: {
      organizationId: w.orgs.a,
      authorId: teacher.userId,
      type: "QUIZ",
      title: "Famous scientists",
      subject: "Science",
      gradeLevel: "6",
      status: "PUBLISHED",
      body: {},
      quizQuestions: { create: { organizationId: w.orgs.a, questionId: question.id, position: 0 } },
    },
  });
  const assignment = await w.t.db.assignment.create({
    data: { organizationId: w.orgs.a, classId, contentId: quiz.id, assignedById: teacher.userId },
  });
  quizAssignmentId = assignment.id;
  await w.t.db.attempt.create({
    data: {
      organizationId: w.orgs.a,
      assignmentId: assignment.id,
      studentId: student.userId,
      number: 1,
      questionIds: [question.id],
    },
  });
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

function last<T extends AssistantStreamEvent["type"]>(events: AssistantStreamEvent[], type: T) {
  const found = events.filter((e) => e.type === type).at(-1);
  if (!found) throw new Error(`no ${type} event`);
  return found as Extract<AssistantStreamEvent, { type: T }>;
}

const ask = (actor: Actor, content: string, extra: { classId?: string; assignmentId?: string } = { classId }) =>
  collect(streamAssistantReply(w.svc(actor), { model }, { kind: "TUTOR", content, ...extra }));

describe("the tutor's class", () => {
  it("answers a student in their own class, Socratic and at the class's grade level", async () => {
    fake.enqueue({ reply: "What do plants need from the sun? Think about your last lesson." });
    const events = await ask(student, "Why are leaves green?", { classId, assignmentId: quizAssignmentId });
    expect(last(events, "done").message.content).toBe(
      "What do plants need from the sun? Think about your last lesson.",
    );
    const system = String(fake.requests[0]?.messages?.[0]?.content);
    expect(system).toContain("grade 6");
    expect(system).toContain("Grade 6 Science");
    expect(system).toContain("Famous scientists");
    expect(system).toMatch(/never give the final answer/i);
    expect(system).not.toContain(student.name);
  });

  it("refuses a class the student is not in, and a tutor conversation without a class", async () => {
    expect((await domainErrorOf(ask(student, "Help", { classId: otherClassId }))).code).toBe("NOT_FOUND");
    expect((await domainErrorOf(ask(student, "Help", {}))).code).toBe("INVALID");
    expect(fake.requests).toHaveLength(0);
  });

  it("refuses an assignment of another class", async () => {
    const error = await domainErrorOf(ask(student, "Help", { classId: otherClassId, assignmentId: quizAssignmentId }));
    expect(error.code).toBe("NOT_FOUND");
  });

  it("is for students only", async () => {
    expect((await domainErrorOf(ask(teacher, "Help"))).code).toBe("FORBIDDEN");
  });

  it("stays off for a student under 13 without a parent's consent", async () => {
    const young = await w.newActor("a", "STUDENT", "Young Student");
    await w.t.db.user.update({ where: { id: young.userId }, data: { birthDate: new Date("2020-01-01T00:00:00Z") } });
    await w.t.db.enrollment.create({ data: { organizationId: w.orgs.a, classId, studentId: young.userId } });
    const error = await domainErrorOf(ask(young, "Help me"));
    expect(error.code).toBe("FORBIDDEN");
    expect(error.message).toBe(consentMessage("ai"));
    expect(fake.requests).toHaveLength(0);
  });
});

describe("the tutor's guards", () => {
  it("replaces a reply that gives away an open quiz's answer with a hint, and keeps the hint", async () => {
    fake.enqueue({ reply: "Good question! The answer is Marie Curie, who won two Nobel prizes." });
    const events = await ask(student, "Who discovered radium?");
    const shown = events.flatMap((e) => (e.type === "text" ? [e.delta] : [])).join("");
    expect(shown).not.toMatch(/curie/i);
    const replaced = last(events, "replaced");
    expect(replaced.guard).toBe("answer-key");
    expect(replaced.content).not.toMatch(/curie/i);
    expect(replaced.content.length).toBeGreaterThan(20);
    const done = last(events, "done");
    expect(done.message).toMatchObject({ content: replaced.content, guard: "answer-key", status: "COMPLETE" });
    const row = await w.t.db.conversationMessage.findUniqueOrThrow({ where: { id: done.message.id } });
    expect(row.content).toBe(replaced.content);
  });

  it("shows the sentences before the one that would give the answer away", async () => {
    fake.enqueue({ reply: "Think about the scientists you read about. It was Marie Curie." });
    const events = await ask(student, "Who was it?");
    const shown = events.flatMap((e) => (e.type === "text" ? [e.delta] : [])).join("");
    expect(shown).toBe("Think about the scientists you read about.");
    expect(last(events, "replaced").guard).toBe("answer-key");
  });
});

describe("the tutor's safety filter", () => {
  it("answers an unsafe message with the safety reply without asking the model, and keeps both", async () => {
    const events = await ask(student, "I want to die, nothing makes sense");
    const replaced = last(events, "replaced");
    expect(replaced.guard).toBe("safety");
    expect(replaced.content).toMatch(/trusted adult/i);
    expect(fake.requests).toHaveLength(0);
    const { conversationId } = last(events, "started");
    const detail = await getConversation(w.svc(student), { conversationId });
    expect(detail.messages.map((m) => [m.role, m.guard])).toEqual([
      ["USER", null],
      ["ASSISTANT", "safety"],
    ]);
  });

  it("replaces a reply that is unsafe for a minor", async () => {
    fake.enqueue({ reply: "Here is a sexy story instead of your homework." });
    const events = await ask(student, "Tell me a story");
    expect(last(events, "replaced").guard).toBe("safety");
    expect(last(events, "done").message.content).not.toMatch(/sexy/);
  });
});

describe("who reads tutor conversations", () => {
  let conversationId: string;
  beforeAll(async () => {
    fake.enqueue({ reply: "What do you already know about cells?" });
    conversationId = last(await ask(student, "What is a cell?"), "started").conversationId;
  });

  it("lists it for the student in their class", async () => {
    const list = await listConversations(w.svc(student), { kind: "TUTOR", classId });
    expect(list.map((c) => c.id)).toContain(conversationId);
    expect(await listConversations(w.svc(student), { kind: "TUTOR", classId: otherClassId })).toEqual([]);
  });

  it("lets the class's teacher read it, but not write in it", async () => {
    const detail = await getConversation(w.svc(teacher), { conversationId });
    expect(detail).toMatchObject({ own: false, kind: "TUTOR", user: { id: student.userId } });
    expect(detail.messages.map((m) => m.role)).toEqual(["USER", "ASSISTANT"]);
    const listed = await listTutorConversations(w.svc(teacher), { classId, studentId: student.userId });
    expect(listed.map((c) => c.id)).toContain(conversationId);
    const error = await domainErrorOf(
      collect(streamAssistantReply(w.svc(teacher), { model }, { conversationId, content: "Hi" })),
    );
    expect(error.code).toBe("NOT_FOUND");
  });

  it("hides it from another teacher and from another student", async () => {
    const colleague = await w.newActor("a", "TEACHER");
    expect((await domainErrorOf(getConversation(w.svc(colleague), { conversationId }))).code).toBe("NOT_FOUND");
    expect((await domainErrorOf(listTutorConversations(w.svc(colleague), { classId }))).code).toBe("NOT_FOUND");
    const classmate = await w.newActor("a", "STUDENT");
    expect((await domainErrorOf(getConversation(w.svc(classmate), { conversationId }))).code).toBe("NOT_FOUND");
  });

  it("lets an admin read it", async () => {
    const admin = await w.actor("a", "ADMIN");
    expect((await getConversation(w.svc(admin), { conversationId })).own).toBe(false);
  });
});
