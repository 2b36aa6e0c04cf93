// Managing an assignment after it is made: editing it, releasing answers, one student's own due
// date, unassigning with a confirmation, and due dates in the past needing one.
import type { Actor, DomainError } from "@toolboxai/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createWorld, errorOf, type World } from "../../testing";

let w: World;
let classId: string;
const DAY = 24 * 3600 * 1000;
const inDays = (n: number) => new Date(Date.now() + n * DAY);

const teacher = () => w.actor("a", "TEACHER");
const student = () => w.actor("a", "STUDENT");
/** A second student of the class. */
let mate: Actor;
let classmateId: string;
const classmate = async () => mate;

async function content(type: "LESSON" | "QUIZ", title: string) {
  const body =
    type === "LESSON"
      ? { sections: [{ id: "s1", heading: "One", markdown: "Text", media: [] }] }
      : { instructions: "", draw: null };
  const row = await w.scoped("a").contentItem.create({
    data: {
      organizationId: w.orgs.a,
      authorId: w.users.a.TEACHER.id,
      type,
      title,
      subject: "Science",
      gradeLevel: "7",
      body,
      status: "PUBLISHED",
    },
  });
  if (type === "QUIZ") {
    const question = await w.scoped("a").question.create({
      data: {
        organizationId: w.orgs.a,
        ownerId: w.users.a.TEACHER.id,
        type: "TRUE_FALSE",
        prompt: "Plants make sugar.",
        answer: { value: true },
        explanation: "Photosynthesis makes glucose.",
      },
    });
    await w.scoped("a").quizQuestion.create({
      data: { organizationId: w.orgs.a, quizId: row.id, questionId: question.id, position: 0 },
    });
  }
  return row.id;
}

async function assign(type: "LESSON" | "QUIZ", extra: { dueAt?: Date; maxAttempts?: number } = {}) {
  const contentId = await content(type, `${type} ${Math.random().toString(36).slice(2, 8)}`);
  return (await w.caller(await teacher()).assignments.create({ classId, contentId, ...extra })).id;
}

const fieldErrorsOf = (e: { cause?: unknown }) => (e.cause as DomainError).fieldErrors;

beforeAll(async () => {
  w = await createWorld();
  const c = await w.caller(await teacher()).classes.create({ name: "Bio", subject: "Science", gradeLevel: "7" });
  classId = c.id;
  await w.caller(await student()).classes.join({ code: c.joinCode ?? "" });
  mate = await w.newActor("a", "STUDENT", "Classmate");
  classmateId = mate.userId;
  await w.caller(mate).classes.join({ code: c.joinCode ?? "" });
});
afterAll(() => w.t.close());

describe("editing an assignment", () => {
  it("changes the due date, attempts and results visibility, and the student sees the new due date", async () => {
    const assignmentId = await assign("QUIZ", { dueAt: inDays(2), maxAttempts: 1 });
    const dueAt = inDays(9);
    const updated = await w
      .caller(await teacher())
      .assignments.update({ assignmentId, dueAt, maxAttempts: 3, showCorrectAnswers: true });
    expect(updated).toMatchObject({ dueAt, maxAttempts: 3, showCorrectAnswers: true });
    const mine = (await w.caller(await student()).assignments.mine()).find((a) => a.id === assignmentId);
    expect(mine).toMatchObject({ dueAt, maxAttempts: 3, dueSoon: false });
  });

  it("leaves fields the request does not name as they were", async () => {
    const dueAt = inDays(4);
    const assignmentId = await assign("QUIZ", { dueAt, maxAttempts: 2 });
    const updated = await w.caller(await teacher()).assignments.update({ assignmentId, showCorrectAnswers: false });
    expect(updated).toMatchObject({ dueAt, maxAttempts: 2 });
  });

  it("a raised attempt limit lets a student who used theirs up start again", async () => {
    const assignmentId = await assign("QUIZ", { maxAttempts: 1 });
    const s = w.caller(await student());
    await s.assignments.submitAttempt({ attemptId: (await s.assignments.startAttempt({ assignmentId })).attemptId });
    expect((await errorOf(s.assignments.startAttempt({ assignmentId }))).code).toBe("PRECONDITION_FAILED");
    await w.caller(await teacher()).assignments.update({ assignmentId, maxAttempts: 2 });
    expect((await s.assignments.startAttempt({ assignmentId })).number).toBe(2);
  });

  it("releasing answers now shows the hidden answers on results the student already has", async () => {
    const assignmentId = await assign("QUIZ");
    const s = w.caller(await student());
    const { attemptId } = await s.assignments.startAttempt({ assignmentId });
    const before = await s.assignments.submitAttempt({ attemptId });
    expect(before.answersRevealed).toBe(false);
    expect(before.questions[0]?.correctAnswer).toBeNull();

    await w.caller(await teacher()).assignments.update({ assignmentId, showCorrectAnswers: true });
    const after = await s.assignments.attempt({ attemptId });
    expect(after.kind).toBe("result");
    if (after.kind !== "result") return;
    expect(after.result.answersRevealed).toBe(true);
    expect(after.result.questions[0]).toMatchObject({
      correctAnswer: { value: true },
      explanation: "Photosynthesis makes glucose.",
    });
  });

  it("another teacher of the organization cannot edit it", async () => {
    const assignmentId = await assign("QUIZ");
    const colleague = await w.newActor("a", "TEACHER");
    const error = await errorOf(w.caller(colleague).assignments.update({ assignmentId, maxAttempts: 5 }));
    expect(error.code).toBe("NOT_FOUND");
  });

  it("another organization's admin cannot edit it", async () => {
    const assignmentId = await assign("QUIZ");
    const error = await errorOf(
      w.caller(await w.actor("b", "ADMIN")).assignments.update({ assignmentId, maxAttempts: 5 }),
    );
    expect(error.code).toBe("NOT_FOUND");
  });

  it("the organization's admin can edit it", async () => {
    const assignmentId = await assign("QUIZ");
    const updated = await w.caller(await w.actor("a", "ADMIN")).assignments.update({ assignmentId, maxAttempts: 5 });
    expect(updated.maxAttempts).toBe(5);
  });
});

describe("a due date in the past", () => {
  it("is refused on a new assignment, naming the due date field", async () => {
    const contentId = await content("LESSON", "Old lesson");
    const error = await errorOf(
      w.caller(await teacher()).assignments.create({ classId, contentId, dueAt: new Date("2020-01-01") }),
    );
    expect(error.code).toBe("BAD_REQUEST");
    expect(fieldErrorsOf(error)).toEqual({ dueAt: [expect.stringMatching(/already passed/)] });
    expect(
      (await w.caller(await teacher()).assignments.listForClass({ classId })).map((a) => a.content.id),
    ).not.toContain(contentId);
  });

  it("is accepted on a new assignment when the teacher confirmed it", async () => {
    const contentId = await content("LESSON", "Catch-up lesson");
    const dueAt = new Date("2020-01-01");
    const row = await w.caller(await teacher()).assignments.create({ classId, contentId, dueAt, confirmPastDue: true });
    expect(row.dueAt).toEqual(dueAt);
  });

  it("is refused when editing unless confirmed", async () => {
    const assignmentId = await assign("LESSON", { dueAt: inDays(3) });
    const caller = w.caller(await teacher());
    const dueAt = inDays(-1);
    expect((await errorOf(caller.assignments.update({ assignmentId, dueAt }))).code).toBe("BAD_REQUEST");
    expect((await caller.assignments.update({ assignmentId, dueAt, confirmPastDue: true })).dueAt).toEqual(dueAt);
  });
});

describe("extending the due date for one student", () => {
  it("the student sees their own due date on their list, the lesson and the quiz; a classmate still sees the class's", async () => {
    const dueAt = inDays(-1);
    const lessonId = await assign("LESSON", { dueAt: inDays(1) });
    const quizId = await assign("QUIZ", { dueAt: inDays(1) });
    const extended = inDays(7);
    const t = w.caller(await teacher());
    await t.assignments.update({ assignmentId: lessonId, dueAt, confirmPastDue: true });
    await t.assignments.update({ assignmentId: quizId, dueAt, confirmPastDue: true });
    for (const assignmentId of [lessonId, quizId]) {
      await t.assignments.extendDueDate({ assignmentId, studentId: w.users.a.STUDENT.id, dueAt: extended });
    }

    const s = w.caller(await student());
    const mine = await s.assignments.mine();
    expect(mine.find((a) => a.id === lessonId)).toMatchObject({ dueAt: extended, overdue: false });
    expect((await s.assignments.openLesson({ assignmentId: lessonId })).dueAt).toEqual(extended);
    expect((await s.assignments.myAttempts({ assignmentId: quizId })).dueAt).toEqual(extended);
    expect((await s.assignments.startAttempt({ assignmentId: quizId })).dueAt).toEqual(extended);

    const mate = (await w.caller(await classmate()).assignments.mine()).find((a) => a.id === lessonId);
    expect(mate).toMatchObject({ dueAt, overdue: true });
  });

  it("the student's parent sees the extended due date on their child's progress", async () => {
    const assignmentId = await assign("LESSON", { dueAt: inDays(1) });
    const extended = inDays(5);
    await w
      .caller(await teacher())
      .assignments.extendDueDate({ assignmentId, studentId: w.users.a.STUDENT.id, dueAt: extended });
    await w.scoped("a").parentStudentLink.upsert({
      where: { parentId_studentId: { parentId: w.users.a.PARENT.id, studentId: w.users.a.STUDENT.id } },
      update: {},
      create: { organizationId: w.orgs.a, parentId: w.users.a.PARENT.id, studentId: w.users.a.STUDENT.id },
    });
    const [child] = await w.caller(await w.actor("a", "PARENT")).gradebook.children();
    expect(child?.items.find((x) => x.id === assignmentId)?.dueAt).toEqual(extended);
  });

  it("a student's list never carries another student's extension", async () => {
    const assignmentId = await assign("LESSON", { dueAt: inDays(2) });
    await w
      .caller(await teacher())
      .assignments.extendDueDate({ assignmentId, studentId: classmateId, dueAt: inDays(8) });
    const mine = await w.caller(await student()).assignments.mine();
    expect(JSON.stringify(mine)).not.toContain(classmateId);
  });

  it("the teacher's list shows who has an extension, and removing it restores the class's due date", async () => {
    const classDue = inDays(2);
    const assignmentId = await assign("LESSON", { dueAt: classDue });
    const t = w.caller(await teacher());
    const extended = inDays(6);
    await t.assignments.extendDueDate({ assignmentId, studentId: w.users.a.STUDENT.id, dueAt: extended });
    const listed = (await t.assignments.listForClass({ classId })).find((a) => a.id === assignmentId);
    expect(listed?.extensions).toEqual([{ studentId: w.users.a.STUDENT.id, dueAt: extended }]);

    await t.assignments.extendDueDate({ assignmentId, studentId: w.users.a.STUDENT.id, dueAt: null });
    const mine = (await w.caller(await student()).assignments.mine()).find((a) => a.id === assignmentId);
    expect(mine?.dueAt).toEqual(classDue);
  });

  it("refuses a student who is not in the class, naming the student field", async () => {
    const assignmentId = await assign("LESSON");
    const outsider = await w.newActor("a", "STUDENT");
    const error = await errorOf(
      w
        .caller(await teacher())
        .assignments.extendDueDate({ assignmentId, studentId: outsider.userId, dueAt: inDays(3) }),
    );
    expect(error.code).toBe("NOT_FOUND");
    expect(Object.keys(fieldErrorsOf(error))).toEqual(["studentId"]);
  });

  it("refuses an extension into the past unless confirmed", async () => {
    const assignmentId = await assign("LESSON");
    const input = { assignmentId, studentId: w.users.a.STUDENT.id, dueAt: inDays(-2) };
    expect((await errorOf(w.caller(await teacher()).assignments.extendDueDate(input))).code).toBe("BAD_REQUEST");
  });

  it("another teacher of the organization cannot extend it", async () => {
    const assignmentId = await assign("LESSON");
    const colleague = await w.newActor("a", "TEACHER");
    const error = await errorOf(
      w
        .caller(colleague)
        .assignments.extendDueDate({ assignmentId, studentId: w.users.a.STUDENT.id, dueAt: inDays(3) }),
    );
    expect(error.code).toBe("NOT_FOUND");
  });

  it("another organization's teacher cannot extend it", async () => {
    const assignmentId = await assign("LESSON");
    const error = await errorOf(
      w
        .caller(await w.actor("b", "TEACHER"))
        .assignments.extendDueDate({ assignmentId, studentId: w.users.a.STUDENT.id, dueAt: inDays(3) }),
    );
    expect(error.code).toBe("NOT_FOUND");
  });
});

describe("unassigning", () => {
  it("removes an assignment nobody started at once, and students no longer see it", async () => {
    const assignmentId = await assign("LESSON");
    const result = await w.caller(await teacher()).assignments.unassign({ assignmentId });
    expect(result).toEqual({ assignmentId, deletedWork: 0 });
    expect((await w.caller(await student()).assignments.mine()).map((a) => a.id)).not.toContain(assignmentId);
  });

  it("refuses while students have work in it unless the request confirms how much, and keeps it", async () => {
    const assignmentId = await assign("QUIZ");
    const s = w.caller(await student());
    await s.assignments.submitAttempt({ attemptId: (await s.assignments.startAttempt({ assignmentId })).attemptId });
    const t = w.caller(await teacher());
    expect((await t.assignments.listForClass({ classId })).find((a) => a.id === assignmentId)?.studentWork).toBe(1);

    const error = await errorOf(t.assignments.unassign({ assignmentId }));
    expect(error.code).toBe("CONFLICT");
    expect(error.message).toMatch(/1 piece of work/);
    expect((await s.assignments.mine()).map((a) => a.id)).toContain(assignmentId);
  });

  it("deletes the assignment with the students' attempts once the confirmed count matches", async () => {
    const assignmentId = await assign("QUIZ");
    const s = w.caller(await student());
    const { attemptId } = await s.assignments.startAttempt({ assignmentId });
    await s.assignments.submitAttempt({ attemptId });
    const result = await w.caller(await teacher()).assignments.unassign({ assignmentId, confirmDeletedWork: 1 });
    expect(result.deletedWork).toBe(1);
    expect((await errorOf(s.assignments.attempt({ attemptId }))).code).toBe("NOT_FOUND");
    expect((await s.assignments.mine()).map((a) => a.id)).not.toContain(assignmentId);
  });

  it("another teacher of the organization cannot unassign it", async () => {
    const assignmentId = await assign("LESSON");
    const colleague = await w.newActor("a", "TEACHER");
    expect((await errorOf(w.caller(colleague).assignments.unassign({ assignmentId }))).code).toBe("NOT_FOUND");
    expect((await w.caller(await student()).assignments.mine()).map((a) => a.id)).toContain(assignmentId);
  });

  it("another organization's admin cannot unassign it", async () => {
    const assignmentId = await assign("LESSON");
    const error = await errorOf(w.caller(await w.actor("b", "ADMIN")).assignments.unassign({ assignmentId }));
    expect(error.code).toBe("NOT_FOUND");
  });
});
