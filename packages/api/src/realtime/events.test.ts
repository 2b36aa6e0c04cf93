// Which realtime events the services publish, to which channels, with which payloads: the world's
// publisher records what it is asked to send (the delivery itself is tested against the real
// realtime server in server/realtime/publisher.test.ts).

import type { RealtimePublisher } from "@toolboxai/core";
import { type Actor, loadActor } from "@toolboxai/core";
import type { QuestionInput } from "@toolboxai/validators";
import {
  agentStatusChangedEventSchema,
  channels,
  dashboardChangedEventSchema,
  gradeReleasedEventSchema,
  messageCreatedEventSchema,
  realtimeEvents,
  taskProgressEventSchema,
} from "@toolboxai/validators";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { z } from "zod";
import { createWorld, errorOf, type World } from "../testing";

interface Sent {
  channels: string[];
  event: string;
  data: unknown;
}

const sent: Sent[] = [];
const recorder: RealtimePublisher = {
  trigger(to, event, data) {
    sent.push({ channels: typeof to === "string" ? [to] : [...to], event, data });
  },
  stats: () => ({ sent: sent.length, failed: 0, skipped: 0 }),
  flush: async () => {},
};

const schemas: Record<string, z.ZodType> = {
  [realtimeEvents.taskProgress]: taskProgressEventSchema,
  [realtimeEvents.messageCreated]: messageCreatedEventSchema,
  [realtimeEvents.gradeReleased]: gradeReleasedEventSchema,
  [realtimeEvents.dashboardChanged]: dashboardChangedEventSchema,
  [realtimeEvents.agentStatusChanged]: agentStatusChangedEventSchema,
};

/** The events published while `action` ran; each payload must match its event's schema. */
async function during(action: () => Promise<unknown>): Promise<Sent[]> {
  const from = sent.length;
  await action();
  const events = sent.slice(from);
  for (const e of events) expect(schemas[e.event]?.safeParse(e.data).success, `${e.event} payload`).toBe(true);
  return events;
}

let w: World;
let teacher: Actor;
let student: Actor;
let student2: Actor;
let admin: Actor;
let classId: string;
let joinCode: string;

beforeAll(async () => {
  w = await createWorld({ realtime: recorder });
  [teacher, student, admin] = await Promise.all([
    w.actor("a", "TEACHER"),
    w.actor("a", "STUDENT"),
    w.actor("a", "ADMIN"),
  ]);
  const u = await w.t.db.user.create({
    data: {
      organizationId: w.orgs.a,
      email: "student2@a.test",
      name: "Second Student",
      role: "STUDENT",
      passwordHash: "x",
    },
  });
  student2 = (await loadActor(w.t.db, u.id)) as Actor;
  const cls = await w.caller(teacher).classes.create({ name: "Bio", subject: "Science", gradeLevel: "7" });
  classId = cls.id;
  joinCode = cls.joinCode ?? "";
});
afterAll(async () => {
  await w.agents().close();
  await w.t.close();
});

const dashboard = (what: string): Sent => ({
  channels: [channels.orgDashboard(w.orgs.a)],
  event: realtimeEvents.dashboardChanged,
  data: { what },
});

describe("enrollments", () => {
  it("a student joining a class with its code changes the organization's dashboard", async () => {
    expect(await during(() => w.caller(student).classes.join({ code: joinCode }))).toEqual([dashboard("enrollments")]);
  });

  it("a teacher adding a student changes the organization's dashboard", async () => {
    const events = await during(() => w.caller(teacher).classes.addStudent({ classId, studentId: student2.userId }));
    expect(events).toEqual([dashboard("enrollments")]);
  });

  it("a refused enrollment publishes nothing", async () => {
    const events = await during(async () => {
      await errorOf(w.caller(student).classes.join({ code: "ZZZZZZ" }));
    });
    expect(events).toEqual([]);
  });
});

describe("users", () => {
  it("an admin adding a user changes the organization's dashboard", async () => {
    const events = await during(() =>
      w.caller(admin).users.create({ name: "New Parent", email: "parent2@a.test", role: "PARENT" }),
    );
    expect(events).toEqual([dashboard("users")]);
  });
});

describe("message.created", () => {
  let threadId: string;

  it("a direct message goes to the recipient's own channel only", async () => {
    const events = await during(async () => {
      ({ threadId } = await w.caller(teacher).messages.startThread({
        recipientId: student.userId,
        classId,
        subject: "Lab",
        body: "Bring your   goggles\ntomorrow.",
      }));
    });
    const message = await w.t.db.message.findFirstOrThrow({ where: { threadId } });
    expect(events).toEqual([
      {
        channels: [channels.user(student.userId)],
        event: realtimeEvents.messageCreated,
        data: { threadId, messageId: message.id, from: teacher.name, preview: "Bring your goggles tomorrow." },
      },
    ]);
  });

  it("a reply goes to the other participants, not to its author", async () => {
    const events = await during(() => w.caller(student).messages.reply({ threadId, body: "Will do." }));
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      channels: [channels.user(teacher.userId)],
      event: realtimeEvents.messageCreated,
      data: { threadId, from: student.name, preview: "Will do." },
    });
  });

  it("an announcement goes to every enrolled student, in one trigger", async () => {
    const events = await during(() =>
      w.caller(teacher).messages.announce({ classId, subject: "Quiz", body: "Quiz on Friday." }),
    );
    expect(events).toHaveLength(1);
    expect(events[0]?.event).toBe(realtimeEvents.messageCreated);
    expect(events[0]?.channels.sort()).toEqual([channels.user(student.userId), channels.user(student2.userId)].sort());
  });

  it("an admin's announcement also reaches the class's teacher", async () => {
    const events = await during(() =>
      w.caller(admin).messages.announce({ classId, subject: "Assembly", body: "Assembly at noon." }),
    );
    expect(events[0]?.channels.sort()).toEqual(
      [channels.user(teacher.userId), channels.user(student.userId), channels.user(student2.userId)].sort(),
    );
  });

  it("a refused message publishes nothing", async () => {
    const events = await during(async () => {
      await errorOf(w.caller(student).messages.startThread({ recipientId: admin.userId, subject: "Hi", body: "Hi" }));
    });
    expect(events).toEqual([]);
  });
});

describe("quiz grades", () => {
  const question = (correct: string): QuestionInput =>
    ({
      type: "SINGLE_CHOICE",
      prompt: "What do plants need?",
      options: [
        { id: "a", text: "Light" },
        { id: "b", text: "Noise" },
      ],
      answer: { correct: [correct] },
      points: 2,
      tags: [],
    }) as QuestionInput;

  let questionId: string;
  let otherId: string;
  let assignmentId: string;
  let attemptId: string;

  beforeAll(async () => {
    const t = w.caller(teacher);
    questionId = (await t.questions.create(question("a"))).id;
    otherId = (await t.questions.create(question("a"))).id;
    const quiz = await t.content.create({
      type: "QUIZ",
      title: "Plants quiz",
      subject: "Science",
      gradeLevel: "7",
      body: { instructions: "", draw: null },
    });
    await t.questions.setQuizQuestions({ quizId: quiz.id, questionIds: [questionId, otherId] });
    const events = await during(() => t.content.publish({ contentId: quiz.id }));
    // Publishing content is a dashboard change (checked here, where the quiz is published).
    expect(events).toEqual([dashboard("content")]);
    assignmentId = (await t.assignments.create({ classId, contentId: quiz.id, showCorrectAnswers: false })).id;
  });

  it("submitting an attempt tells the student their score in percent, and the dashboard", async () => {
    const s = w.caller(student);
    const events = await during(async () => {
      attemptId = (await s.assignments.startAttempt({ assignmentId })).attemptId;
      await s.assignments.submitAttempt({
        attemptId,
        responses: { [questionId]: { selected: ["b"] }, [otherId]: { selected: ["a"] } },
      });
    });
    expect(events).toEqual([
      {
        channels: [channels.user(student.userId)],
        event: realtimeEvents.gradeReleased,
        data: { attemptId, assignmentId, title: "Plants quiz", score: 50 },
      },
      dashboard("submissions"),
    ]);
  });

  it("an edit of the key with KEEP_SCORES changes no score and tells no one", async () => {
    const events = await during(() =>
      w.caller(teacher).questions.update({ questionId, ...question("b"), regradePolicy: "KEEP_SCORES" }),
    );
    expect(events).toEqual([]);
  });

  it("a regrade that changes the attempt's score tells its student the new score", async () => {
    // The key is "b" now (kept scores above); doubling the points with REGRADE_ALL grades the answer again.
    const events = await during(() =>
      w.caller(teacher).questions.update({ questionId, ...question("b"), points: 4, regradePolicy: "REGRADE_ALL" }),
    );
    expect(events).toEqual([
      {
        channels: [channels.user(student.userId)],
        event: realtimeEvents.gradeReleased,
        data: { attemptId, assignmentId, title: "Plants quiz", score: 100 },
      },
      dashboard("submissions"),
    ]);
  });

  it("a regrade that leaves every score as it was tells no one", async () => {
    const reworded = question("b");
    const options = [
      { id: "a", text: "Sunlight" },
      { id: "b", text: "Noise" },
    ];
    const events = await during(() =>
      w.caller(teacher).questions.update({
        questionId,
        ...reworded,
        options,
        points: 4,
        regradePolicy: "REGRADE_ALL",
      }),
    );
    expect(events).toEqual([]);
  });

  it("removing a question the attempt answered tells its student when the attempt's maximum changes", async () => {
    const events = await during(() =>
      w.caller(teacher).questions.remove({ questionId: otherId, regradePolicy: "REGRADE_ALL" }),
    );
    // The removed question stops counting: 4 of 4 points instead of 6 of 6, still 100%.
    expect(events).toEqual([
      {
        channels: [channels.user(student.userId)],
        event: realtimeEvents.gradeReleased,
        data: { attemptId, assignmentId, title: "Plants quiz", score: 100 },
      },
      dashboard("submissions"),
    ]);
  });
});

describe("generation tasks", () => {
  it("publish their progress to the teacher and the organization's content-generation channel until COMPLETED", async () => {
    const from = sent.length;
    const task = await w.caller(teacher).agents.generate({
      topic: "Photosynthesis",
      subject: "Life Science",
      gradeLevel: "7",
      durationMinutes: 40,
      parts: ["lesson"],
      standards: [],
      questionCount: 3,
    });
    for (
      let i = 0;
      i < 600 && !sent.slice(from).some((e) => (e.data as { status?: string }).status === "COMPLETED");
      i++
    ) {
      await new Promise((r) => setTimeout(r, 20));
    }
    const events = sent.slice(from);
    const progress = events.filter((e) => e.event === realtimeEvents.taskProgress);
    for (const e of progress) {
      expect(e.channels).toEqual([channels.user(teacher.userId), channels.orgContentGeneration(w.orgs.a)]);
      expect(taskProgressEventSchema.safeParse(e.data).success).toBe(true);
    }
    expect(progress[0]?.data).toMatchObject({ taskId: task.id, status: "QUEUED" });
    expect(progress.at(-1)?.data).toEqual({ taskId: task.id, status: "COMPLETED", progress: 100, currentStep: null });
    expect(events.filter((e) => e.event === realtimeEvents.dashboardChanged)).toEqual([
      dashboard("tasks"),
      dashboard("tasks"),
    ]);
    // The agents' status changes when the task is queued, starts and finishes; not on every step.
    expect(events.filter((e) => e.event === realtimeEvents.agentStatusChanged)).toEqual(
      ["QUEUED", "PROCESSING", "COMPLETED"].map((status) => ({
        channels: [channels.orgAgentStatus(w.orgs.a)],
        event: realtimeEvents.agentStatusChanged,
        data: { taskId: task.id, status },
      })),
    );
  });
});
