// "Generated content is never visible to students until a teacher publishes it": a lesson and a
// quiz drafted by the offline model through the app's task pipeline, seen from a student enrolled
// in the teacher's class, before and after the teacher publishes them.

import type { Actor } from "@toolboxai/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createWorld, errorOf, type World } from "../../testing";

let w: World;
let teacher: Actor;
let student: Actor;
let classId: string;
let lessonId: string;
let quizId: string;

const teacherCaller = () => w.caller(teacher);
const studentCaller = () => w.caller(student);

beforeAll(async () => {
  w = await createWorld();
  teacher = await w.actor("a", "TEACHER");
  student = await w.actor("a", "STUDENT");
  const cls = await teacherCaller().classes.create({ name: "Biology 7", subject: "Life Science", gradeLevel: "7" });
  classId = cls.id;
  await studentCaller().classes.join({ code: cls.joinCode ?? "" });

  const queued = await teacherCaller().agents.generate({
    topic: "Photosynthesis",
    subject: "Life Science",
    gradeLevel: "7",
    durationMinutes: 40,
    parts: ["lesson", "quiz"],
    standards: [],
    questionCount: 4,
  });
  let task = await teacherCaller().agents.get({ taskId: queued.id });
  for (let i = 0; i < 600 && !["COMPLETED", "FAILED", "CANCELLED"].includes(task.status); i++) {
    await new Promise((r) => setTimeout(r, 50));
    task = await teacherCaller().agents.get({ taskId: queued.id });
  }
  if (task.status !== "COMPLETED") throw new Error(`the generation task ended ${task.status}: ${task.error}`);
  lessonId = task.result?.items.find((i) => i.type === "LESSON")?.contentId ?? "";
  quizId = task.result?.items.find((i) => i.type === "QUIZ")?.contentId ?? "";
});
afterAll(() => w.t.close());

describe("a generated draft before its teacher publishes it", () => {
  it("is saved as GENERATED, not published", async () => {
    for (const contentId of [lessonId, quizId]) {
      const item = await teacherCaller().content.get({ contentId });
      expect(item).toMatchObject({ status: "GENERATED", generated: true, publishedAt: null });
    }
  });

  it("cannot be read by a student of the class through the content library", async () => {
    expect((await errorOf(studentCaller().content.get({ contentId: lessonId }))).code).toBe("FORBIDDEN");
    expect((await errorOf(studentCaller().content.get({ contentId: quizId }))).code).toBe("FORBIDDEN");
  });

  it("cannot be opened in the student's lesson reader by its content id", async () => {
    const error = await errorOf(studentCaller().assignments.openLesson({ assignmentId: lessonId }));
    expect(error.code).toBe("NOT_FOUND");
  });

  it("cannot be assigned: the lesson is refused with 'Publish the content before assigning it.'", async () => {
    const error = await errorOf(teacherCaller().assignments.create({ classId, contentId: lessonId }));
    expect(error.code).toBe("BAD_REQUEST");
    expect(error.message).toBe("Publish the content before assigning it.");
  });

  it("is not found by a colleague who tries to assign it to their own class", async () => {
    const colleague = w.caller(await w.newActor("a", "TEACHER", "Colleague"));
    const own = await colleague.classes.create({ name: "Biology 8", subject: "Life Science", gradeLevel: "8" });
    const error = await errorOf(colleague.assignments.create({ classId: own.id, contentId: lessonId }));
    expect(error.code).toBe("NOT_FOUND");
  });

  it("cannot be assigned: the quiz is refused with 'Publish the content before assigning it.'", async () => {
    const error = await errorOf(teacherCaller().assignments.create({ classId, contentId: quizId, maxAttempts: 2 }));
    expect(error.code).toBe("BAD_REQUEST");
    expect(error.message).toBe("Publish the content before assigning it.");
  });

  it("is not among the student's assignments, and no assignment was recorded", async () => {
    expect(await studentCaller().assignments.mine()).toEqual([]);
    expect(await w.t.db.assignment.count({ where: { contentId: { in: [lessonId, quizId] } } })).toBe(0);
  });
});

describe("a generated draft after its teacher publishes it", () => {
  let lessonAssignment: string;
  let quizAssignment: string;

  beforeAll(async () => {
    await teacherCaller().content.publish({ contentId: lessonId });
    await teacherCaller().content.publish({ contentId: quizId });
    lessonAssignment = (await teacherCaller().assignments.create({ classId, contentId: lessonId })).id;
    quizAssignment = (await teacherCaller().assignments.create({ classId, contentId: quizId })).id;
  });

  it("is published and can be assigned to the class", async () => {
    expect((await teacherCaller().content.get({ contentId: lessonId })).status).toBe("PUBLISHED");
    const assigned = await teacherCaller().assignments.listForClass({ classId });
    expect(assigned.map((a) => a.content.id).sort()).toEqual([lessonId, quizId].sort());
  });

  it("appears among the student's assignments under its generated title", async () => {
    const lesson = await teacherCaller().content.get({ contentId: lessonId });
    const quiz = await teacherCaller().content.get({ contentId: quizId });
    const mine = await studentCaller().assignments.mine();
    expect(mine.map((a) => ({ id: a.id, title: a.title, type: a.type }))).toEqual(
      expect.arrayContaining([
        { id: lessonAssignment, title: lesson.title, type: "LESSON" },
        { id: quizAssignment, title: quiz.title, type: "QUIZ" },
      ]),
    );
  });

  it("opens in the student's lesson reader with the generated sections", async () => {
    const lesson = await teacherCaller().content.get({ contentId: lessonId });
    const opened = await studentCaller().assignments.openLesson({ assignmentId: lessonAssignment });
    expect(opened.content.body).toEqual(lesson.body);
    expect(opened.totalSections).toBeGreaterThan(0);
  });

  it("lets the student start the generated quiz, with its questions and no answer keys", async () => {
    const questions = await teacherCaller().questions.quizQuestions({ quizId });
    const attempt = await studentCaller().assignments.startAttempt({ assignmentId: quizAssignment });
    expect(attempt.questions.map((q) => q.prompt).sort()).toEqual(questions.map((q) => q.question.prompt).sort());
    for (const q of attempt.questions) expect(q).not.toHaveProperty("answer");
  });
});
