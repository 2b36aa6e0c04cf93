import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createWorld, errorOf, type World } from "../../testing";

let w: World;
let classId: string;
let secondStudent: string;

beforeAll(async () => {
  w = await createWorld();
  const db = w.scoped("a");
  const teacher = await w.actor("a", "TEACHER");
  const cls = await w.caller(teacher).classes.create({ name: "Bio, period 3", subject: "Science", gradeLevel: "7" });
  classId = cls.id;
  secondStudent = (
    await db.user.create({
      data: { organizationId: w.orgs.a, email: "zoe@a.test", name: "Zoe Young", role: "STUDENT", passwordHash: "x" },
    })
  ).id;
  for (const studentId of [w.users.a.STUDENT.id, secondStudent]) {
    await w.caller(teacher).classes.addStudent({ classId, studentId });
  }
  const lesson = await db.contentItem.create({
    data: {
      organizationId: w.orgs.a,
      authorId: teacher.userId,
      type: "LESSON",
      title: "Cells",
      subject: "Science",
      gradeLevel: "7",
      status: "PUBLISHED",
      body: { sections: [{ id: "s1", heading: "One", markdown: "Text", media: [] }] },
    },
  });
  const quiz = await db.contentItem.create({
    data: {
      organizationId: w.orgs.a,
      authorId: teacher.userId,
      type: "QUIZ",
      title: "Cells quiz",
      subject: "Science",
      gradeLevel: "7",
      status: "PUBLISHED",
      body: { instructions: "", draw: null },
    },
  });
  const question = await db.question.create({
    data: {
      organizationId: w.orgs.a,
      ownerId: teacher.userId,
      type: "TRUE_FALSE",
      prompt: "Cells?",
      answer: { value: true },
      points: 2,
    },
  });
  await db.quizQuestion.create({
    data: { organizationId: w.orgs.a, quizId: quiz.id, questionId: question.id, position: 0 },
  });
  const lessonAssignment = await w.caller(teacher).assignments.create({ classId, contentId: lesson.id });
  const quizAssignment = await w.caller(teacher).assignments.create({ classId, contentId: quiz.id });

  const ava = w.caller(await w.actor("a", "STUDENT"));
  await ava.assignments.completeSection({ assignmentId: lessonAssignment.id, sectionId: "s1" });
  const attempt = await ava.assignments.startAttempt({ assignmentId: quizAssignment.id });
  await ava.assignments.submitAttempt({ attemptId: attempt.attemptId, responses: { [question.id]: { value: true } } });

  const zoe = w.caller({
    userId: secondStudent,
    orgId: w.orgs.a,
    role: "STUDENT",
    name: "Zoe Young",
    email: "zoe@a.test",
    scopes: [],
  });
  const zoeAttempt = await zoe.assignments.startAttempt({ assignmentId: quizAssignment.id });
  await zoe.assignments.submitAttempt({
    attemptId: zoeAttempt.attemptId,
    responses: { [question.id]: { value: false } },
  });

  await db.parentStudentLink.create({
    data: { organizationId: w.orgs.a, parentId: w.users.a.PARENT.id, studentId: w.users.a.STUDENT.id },
  });
});
afterAll(() => w.t.close());

describe("gradebook", () => {
  it("shows each student's status and best score per assignment, with averages", async () => {
    const book = await w.caller(await w.actor("a", "TEACHER")).gradebook.forClass({ classId });
    expect(book.assignments.map((a) => a.title)).toEqual(["Cells", "Cells quiz"]);
    expect(book.rows.map((r) => r.student.name)).toEqual(["STUDENT A", "Zoe Young"]);
    expect(book.rows[0]?.cells.map((c) => [c.status, c.percent])).toEqual([
      ["COMPLETED", 100],
      ["SUBMITTED", 100],
    ]);
    expect(book.rows[1]?.cells.map((c) => [c.status, c.percent])).toEqual([
      ["NOT_STARTED", null],
      ["SUBMITTED", 0],
    ]);
    expect(book.assignmentAverages).toEqual([50, 50]);
    expect(book.rows.map((r) => r.average)).toEqual([100, 0]);
  });

  it("exports the same numbers as CSV, one row per student and a class average", async () => {
    const { filename, csv } = await w.caller(await w.actor("a", "TEACHER")).gradebook.csv({ classId });
    expect(filename).toBe("gradebook-bio-period-3.csv");
    const rows = parse(csv) as string[][];
    expect(rows[0]).toEqual(["Student", "Email", "Cells (lesson)", "Cells quiz (quiz)", "Quiz average %"]);
    expect(rows[1]).toEqual(["STUDENT A", "student@a.test", "Completed", "100", "100"]);
    expect(rows[2]).toEqual(["Zoe Young", "zoe@a.test", "", "0", "0"]);
    expect(rows[3]).toEqual(["Class average", "", "50", "50", ""]);
  });

  it("is only for the class's teacher and admins of the organization", async () => {
    const other = await w.scoped("a").user.create({
      data: { organizationId: w.orgs.a, email: "t2@a.test", name: "T2", role: "TEACHER", passwordHash: "x" },
    });
    const caller = w.caller({
      userId: other.id,
      orgId: w.orgs.a,
      role: "TEACHER",
      name: "T2",
      email: other.email,
      scopes: [],
    });
    expect((await errorOf(caller.gradebook.forClass({ classId }))).code).toBe("NOT_FOUND");
    expect((await w.caller(await w.actor("a", "ADMIN")).gradebook.forClass({ classId })).rows).toHaveLength(2);
    expect((await errorOf(w.caller(await w.actor("b", "ADMIN")).gradebook.csv({ classId }))).code).toBe("NOT_FOUND");
  });
});

describe("a student's page", () => {
  it("lists each assignment with the student's status and attempts", async () => {
    const detail = await w
      .caller(await w.actor("a", "TEACHER"))
      .gradebook.student({ classId, studentId: secondStudent });
    expect(detail.student.name).toBe("Zoe Young");
    expect(detail.items.map((i) => [i.title, i.cell.status, i.attempts.length])).toEqual([
      ["Cells", "NOT_STARTED", 0],
      ["Cells quiz", "SUBMITTED", 1],
    ]);
  });

  it("is NOT_FOUND for a student who is not in the class", async () => {
    const error = await errorOf(
      w.caller(await w.actor("a", "TEACHER")).gradebook.student({ classId, studentId: w.users.a.PARENT.id }),
    );
    expect(error.code).toBe("NOT_FOUND");
  });
});

describe("parent view", () => {
  it("shows the linked child's assignments, scores and progress, read-only", async () => {
    const [child] = await w.caller(await w.actor("a", "PARENT")).gradebook.children();
    expect(child?.child.name).toBe("STUDENT A");
    const items = child?.items.map((i) => [i.title, i.status, i.percent]);
    expect(items).toHaveLength(2);
    expect(items).toEqual(
      expect.arrayContaining([
        ["Cells", "COMPLETED", 100],
        ["Cells quiz", "SUBMITTED", 100],
      ]),
    );
    expect(child?.quizAverage).toBe(100);
  });

  it("shows nothing for a parent without a linked child", async () => {
    expect(await w.caller(await w.actor("b", "PARENT")).gradebook.children()).toEqual([]);
  });
});

describe("CSV formula injection", () => {
  it("writes a student named like a formula as text, prefixed with a single quote", async () => {
    const teacher = await w.actor("a", "TEACHER");
    const cls = await w.caller(teacher).classes.create({ name: "Formulas", subject: "Science", gradeLevel: "7" });
    const names = ['=HYPERLINK("http://evil","x")', "+1+2", "-3+4", "@SUM(A1)", "\tTabbed", "\rReturned"];
    for (const [i, name] of names.entries()) {
      const student = await w.scoped("a").user.create({
        data: { organizationId: w.orgs.a, email: `formula${i}@a.test`, name, role: "STUDENT", passwordHash: "x" },
      });
      await w.caller(teacher).classes.addStudent({ classId: cls.id, studentId: student.id });
    }
    const { csv } = await w.caller(teacher).gradebook.csv({ classId: cls.id });
    const students = (parse(csv) as string[][]).slice(1, -1).map((r) => r[0]);
    expect(new Set(students)).toEqual(new Set(names.map((n) => `'${n}`)));
  });

  it("neutralizes a content title too, and leaves ordinary text and numbers alone", async () => {
    const teacher = await w.actor("a", "TEACHER");
    const cls = await w.caller(teacher).classes.create({ name: "Titles", subject: "Science", gradeLevel: "7" });
    await w.caller(teacher).classes.addStudent({ classId: cls.id, studentId: w.users.a.STUDENT.id });
    const lesson = await w.scoped("a").contentItem.create({
      data: {
        organizationId: w.orgs.a,
        authorId: teacher.userId,
        type: "LESSON",
        title: "=cmd|' /C calc'!A0",
        subject: "Science",
        gradeLevel: "7",
        status: "PUBLISHED",
        body: { sections: [] },
      },
    });
    await w.caller(teacher).assignments.create({ classId: cls.id, contentId: lesson.id });
    const rows = parse((await w.caller(teacher).gradebook.csv({ classId: cls.id })).csv) as string[][];
    expect(rows[0]).toEqual(["Student", "Email", "'=cmd|' /C calc'!A0 (lesson)", "Quiz average %"]);
    expect(rows[1]?.slice(0, 2)).toEqual(["STUDENT A", "student@a.test"]);
  });
});
