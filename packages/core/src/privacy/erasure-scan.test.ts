// The erasure scan: two people with data everywhere (a student and the teacher of their class),
// erased and purged; then every text, varchar, text[] and JSON column of every table of the
// database (read from information_schema, not a list kept here) is searched for their names,
// emails and what they wrote, and nothing is found. The class's aggregates are the same after.
import type { Database } from "@toolboxai/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getClassAnalytics } from "../analytics/class-analytics";
import { createDomainWorld, type DomainWorld } from "../testing";
import { createUser, updateUser } from "../users/users";
import { ERASED_NAME, purgeDueErasures, requestErasure } from "./erasure";

const DAY_MS = 86_400_000;

// Distinctive strings: none of them can occur by chance anywhere else.
const STUDENT = {
  oldName: "Zebulon Oldfieldington",
  name: "Zebulon Quixote-Marchetti",
  email: "zebulon.qm@a.test",
  message: "my hamster Whiskerfang-Ultraviolet escaped again",
  answer: "the answer is photon-zebra-4471",
};
const TEACHER = {
  name: "Theodora Vantablackwell",
  email: "theodora.vw@a.test",
  message: "announcement saffron-lighthouse-9082 for everyone",
};
const NEEDLES = [
  STUDENT.oldName,
  STUDENT.name,
  STUDENT.email,
  STUDENT.message,
  STUDENT.answer,
  TEACHER.name,
  TEACHER.email,
  TEACHER.message,
];

interface Hit {
  table: string;
  column: string;
  needle: string;
}

/** Every table and column of the public schema that can hold text, from the catalog. */
async function textColumns(db: Database) {
  return db.$queryRaw<{ table: string; column: string }[]>`
    SELECT c.table_name AS "table", c.column_name AS "column"
    FROM information_schema.columns c
    JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
    WHERE c.table_schema = current_schema() AND t.table_type = 'BASE TABLE'
      AND (c.data_type IN ('text', 'character varying', 'character', 'json', 'jsonb')
           OR (c.data_type = 'ARRAY' AND c.udt_name IN ('_text', '_varchar')))
    ORDER BY 1, 2`;
}

/** Where in the whole database any of `needles` occurs (case-insensitively, JSON and arrays as text). */
async function scan(db: Database, needles: string[]): Promise<Hit[]> {
  // ILIKE treats % and _ as wildcards: escape them so each needle matches only itself.
  const patterns = needles.map((needle) => `%${needle.replace(/[\\%_]/g, "\\$&")}%`);
  const hits: Hit[] = [];
  for (const { table, column } of await textColumns(db)) {
    // One query per column: which of the patterns occur in it.
    const rows = await db.$queryRawUnsafe<{ i: number }[]>(
      `SELECT p.i::int AS i FROM unnest($1::text[]) WITH ORDINALITY AS p(pattern, i)
       WHERE EXISTS (SELECT 1 FROM "${table}" WHERE "${column}"::text ILIKE p.pattern)`,
      patterns,
    );
    for (const { i } of rows) hits.push({ table, column, needle: needles[i - 1] as string });
  }
  return hits;
}

let w: DomainWorld;
let studentId: string;
let teacherId: string;
let classId: string;
const now = new Date();

/** What a teacher or admin sees of the class: everything but its name (which named the teacher). */
async function classAggregates() {
  const admin = w.svc(await w.actor("a", "ADMIN"));
  const a = await getClassAnalytics(admin, { classId, date_range: "30d" }, { now });
  return {
    students: a.class.students,
    completion: a.completion,
    score_distribution: a.score_distribution,
    by_question: a.by_question,
    trends: a.trends,
  };
}

beforeAll(async () => {
  w = await createDomainWorld();
  const db = w.t.db;
  const org = w.orgs.a;
  const admin = w.svc(await w.actor("a", "ADMIN"));
  const otherTeacher = w.users.a.TEACHER.id;
  const parent = w.users.a.PARENT.id;
  const peer = w.users.a.STUDENT.id;

  // The people, made and renamed through the users service (so the audit log holds their names
  // and addresses as it would in real life).
  const student = await createUser(admin, { name: STUDENT.oldName, email: STUDENT.email, role: "STUDENT" });
  studentId = student.user.id;
  await updateUser(admin, { userId: studentId, name: STUDENT.name, email: STUDENT.email });
  const teacher = await createUser(admin, { name: TEACHER.name, email: TEACHER.email, role: "TEACHER" });
  teacherId = teacher.user.id;
  await db.user.update({
    where: { id: studentId },
    data: { sourcedId: "sis-zebulon-001", birthDate: new Date("2015-04-01"), lastSignInAt: now },
  });

  // The teacher's class, content, question bank and generation.
  const cls = await db.class.create({
    data: {
      organizationId: org,
      teacherId,
      name: `${TEACHER.name}'s Science`,
      subject: "Science",
      gradeLevel: "7",
      joinCode: "ZQ4471",
      enrollments: {
        create: [
          { organizationId: org, studentId },
          { organizationId: org, studentId: peer },
        ],
      },
    },
  });
  classId = cls.id;
  const task = await db.agentTask.create({
    data: {
      organizationId: org,
      createdById: teacherId,
      request: { topic: "Light", subject: "Science", gradeLevel: "7", parts: ["quiz"] },
      status: "COMPLETED",
      provider: "offline",
      model: "offline-drafts-v1",
      error: `retried for ${TEACHER.name}`,
      executions: {
        create: {
          organizationId: org,
          step: "content",
          agent: "content",
          status: "SUCCEEDED",
          input: { prompt: `Write a quiz. Signed, ${TEACHER.name} <${TEACHER.email}>` },
          output: { text: `Dear ${TEACHER.name}, here is your quiz.` },
          provider: "offline",
          model: "offline-drafts-v1",
          promptTokens: 120,
          completionTokens: 300,
        },
      },
    },
  });
  const lesson = await db.contentItem.create({
    data: {
      organizationId: org,
      authorId: teacherId,
      type: "LESSON",
      title: "Light and colour",
      description: `Written by ${TEACHER.name}`,
      subject: "Science",
      gradeLevel: "7",
      body: { sections: [{ id: "s1", heading: "Intro", markdown: `Ask ${TEACHER.email} for help.`, media: [] }] },
      searchText: `light colour ${TEACHER.name}`,
      status: "PUBLISHED",
      versions: {
        create: {
          organizationId: org,
          version: 1,
          title: "Light",
          description: `Draft by ${TEACHER.name}`,
          subject: "Science",
          gradeLevel: "7",
          tags: [TEACHER.name],
          body: { sections: [] },
          editedById: teacherId,
        },
      },
    },
  });
  const quiz = await db.contentItem.create({
    data: {
      organizationId: org,
      authorId: teacherId,
      agentTaskId: task.id,
      type: "QUIZ",
      title: "Light quiz",
      subject: "Science",
      gradeLevel: "7",
      body: { instructions: "", draw: null },
      status: "PUBLISHED",
      generated: true,
    },
  });
  const question = await db.question.create({
    data: {
      organizationId: org,
      ownerId: teacherId,
      type: "SHORT_ANSWER",
      prompt: "What travels fastest?",
      answer: { accepted: ["light"] },
      points: 5,
      explanation: `Explained by ${TEACHER.name}`,
      quizQuestions: { create: { organizationId: org, quizId: quiz.id, position: 0 } },
    },
  });
  const quizAssignment = await db.assignment.create({
    data: { organizationId: org, classId, contentId: quiz.id, assignedById: teacherId },
  });
  const lessonAssignment = await db.assignment.create({
    data: { organizationId: org, classId, contentId: lesson.id, assignedById: teacherId },
  });

  // The student's work, graded by the teacher; and a classmate's, for the class's averages.
  const submittedAt = new Date(now.getTime() - DAY_MS);
  for (const [who, score, response] of [
    [studentId, 3, STUDENT.answer],
    [peer, 5, "light"],
  ] as const) {
    await db.attempt.create({
      data: {
        organizationId: org,
        assignmentId: quizAssignment.id,
        studentId: who,
        number: 1,
        status: "SUBMITTED",
        questionIds: [question.id],
        responses: { [question.id]: response },
        score,
        maxScore: 5,
        submittedAt,
        feedback: who === studentId ? `Well done, ${STUDENT.name}` : "Well done",
        answers: {
          create: {
            organizationId: org,
            questionId: question.id,
            response,
            correct: score === 5,
            points: score,
            maxPoints: 5,
            autoPoints: 0,
            overrideReason: who === studentId ? `${STUDENT.name} explained it in class` : null,
            comment: who === studentId ? `Nice one ${STUDENT.name}` : null,
            gradedById: teacherId,
            gradedAt: submittedAt,
          },
        },
      },
    });
  }
  await db.lessonProgress.create({
    data: {
      organizationId: org,
      assignmentId: lessonAssignment.id,
      contentId: lesson.id,
      studentId,
      completedSections: ["s1"],
      completedAt: submittedAt,
    },
  });

  // Messages: the student and another teacher write to each other; the erased teacher and the
  // other teacher announce to the class (the latter naming the student).
  await db.messageThread.create({
    data: {
      organizationId: org,
      kind: "DIRECT",
      classId,
      subject: `Question from ${STUDENT.name}`,
      createdById: studentId,
      participants: {
        create: [
          { organizationId: org, userId: studentId },
          { organizationId: org, userId: otherTeacher },
        ],
      },
      messages: {
        create: [
          { organizationId: org, authorId: studentId, body: STUDENT.message },
          { organizationId: org, authorId: otherTeacher, body: `Oh no, ${STUDENT.name}! I hope you find it.` },
        ],
      },
    },
  });
  await db.messageThread.create({
    data: {
      organizationId: org,
      kind: "ANNOUNCEMENT",
      classId,
      subject: "Welcome",
      createdById: teacherId,
      messages: { create: { organizationId: org, authorId: teacherId, body: TEACHER.message } },
    },
  });
  await db.messageThread.create({
    data: {
      organizationId: org,
      kind: "ANNOUNCEMENT",
      classId,
      subject: "Star of the week",
      createdById: otherTeacher,
      messages: {
        create: { organizationId: org, authorId: otherTeacher, body: `Congratulations to ${STUDENT.name}!` },
      },
    },
  });

  // Accounts, links and records around the people.
  const later = new Date(now.getTime() + DAY_MS);
  for (const userId of [studentId, teacherId]) {
    await db.session.create({
      data: { organizationId: org, userId, expiresAt: later, userAgent: "Firefox", ip: "10.0.0.7" },
    });
    await db.passwordResetToken.create({
      data: { organizationId: org, userId, tokenHash: `hash-${userId}`, expiresAt: later },
    });
    await db.activityEvent.create({
      data: { organizationId: org, userId, type: "sign_in", metadata: { note: `hello from ${STUDENT.email}` } },
    });
    await db.activeUserDay.create({ data: { organizationId: org, userId, day: now, lastAt: now } });
  }
  await db.apiKey.create({
    data: {
      organizationId: org,
      userId: teacherId,
      name: `${TEACHER.name}'s gradebook sync`,
      keyHash: "scan-key-hash",
      prefix: "tbx_live_Scan",
      scopes: ["content:read"],
    },
  });
  await db.parentStudentLink.create({ data: { organizationId: org, parentId: parent, studentId } });
  await db.parentalConsent.create({
    data: { organizationId: org, studentId, parentId: parent, statement: `I consent for ${STUDENT.name}.` },
  });
  await db.dataExport.create({
    data: { organizationId: org, subjectId: studentId, requestedById: parent, status: "SUCCEEDED", error: null },
  });
  await db.importJob.create({
    data: {
      organizationId: org,
      format: "csv",
      dryRun: true,
      status: "SUCCEEDED",
      problems: [{ file: "users.csv", row: 3, message: `${STUDENT.email} is already taken` }],
    },
  });
  await db.auditLog.create({
    data: {
      organizationId: org,
      actorId: studentId,
      action: "me.profile_updated",
      targetType: "User",
      targetId: studentId,
      metadata: { name: { from: STUDENT.oldName, to: STUDENT.name }, contact: STUDENT.email },
    },
  });
});
afterAll(() => w.t.close());

describe("the erasure scan", () => {
  let before: Hit[];
  let aggregatesBefore: Awaited<ReturnType<typeof classAggregates>>;

  beforeAll(async () => {
    before = await scan(w.t.db, NEEDLES);
    aggregatesBefore = await classAggregates();
    const admin = w.svc(await w.actor("a", "ADMIN"));
    await requestErasure(admin, { userId: studentId, reason: `Parent of ${STUDENT.name} asked on 2 May` });
    await requestErasure(admin, { userId: teacherId, reason: `${TEACHER.name} left the school` });
    const result = await purgeDueErasures(w.t.db, new Date(Date.now() + 31 * DAY_MS));
    expect(result.failed).toEqual([]);
    expect(result.purged).toHaveLength(2);
  });

  it("finds every needle in many tables before the purge (the scan can see them)", () => {
    const tables = new Set(before.map((h) => h.table));
    for (const table of [
      "User",
      "AuditLog",
      "ActivityEvent",
      "Attempt",
      "AttemptAnswer",
      "Message",
      "MessageThread",
      "Class",
      "ContentItem",
      "ContentVersion",
      "Question",
      "AgentTask",
      "AgentExecution",
      "ApiKey",
      "ParentalConsent",
      "ImportJob",
    ]) {
      expect(tables, table).toContain(table);
    }
    expect(new Set(before.map((h) => h.needle))).toEqual(new Set(NEEDLES));
  });

  it("finds no name, email, message or answer of the erased people in any text or JSON column after it", async () => {
    expect(await scan(w.t.db, NEEDLES)).toEqual([]);
  });

  it("scans every table of the database, not a chosen few", async () => {
    const tables = new Set((await textColumns(w.t.db)).map((c) => c.table));
    expect(tables.size).toBeGreaterThanOrEqual(25);
    expect(tables).toContain("ErasureRequest");
  });

  it("keeps the class's scores, completion and averages exactly as they were", async () => {
    expect(await classAggregates()).toEqual(aggregatesBefore);
  });

  it("keeps the student's scores on an anonymized account", async () => {
    const attempts = await w.t.db.attempt.findMany({ where: { studentId }, include: { answers: true } });
    expect(attempts.map((a) => [a.score, a.maxScore, a.status])).toEqual([[3, 5, "SUBMITTED"]]);
    expect(attempts[0]?.answers.map((a) => [a.points, a.maxPoints, a.correct])).toEqual([[3, 5, false]]);
    const user = await w.t.db.user.findUniqueOrThrow({ where: { id: studentId } });
    expect(user).toMatchObject({ name: ERASED_NAME, active: false, sourcedId: null, birthDate: null });
    expect(user.deletedAt).not.toBeNull();
    expect(await w.t.db.enrollment.count({ where: { studentId } })).toBe(1);
    expect(await w.t.db.lessonProgress.count({ where: { studentId } })).toBe(1);
  });

  it("deletes the people's sessions, keys, reset links, parent links, consent and exports", async () => {
    const db = w.t.db;
    const userId = { in: [studentId, teacherId] };
    expect(await db.session.count({ where: { userId } })).toBe(0);
    expect(await db.apiKey.count({ where: { userId } })).toBe(0);
    expect(await db.passwordResetToken.count({ where: { userId } })).toBe(0);
    expect(await db.parentStudentLink.count({ where: { studentId } })).toBe(0);
    expect(await db.parentalConsent.count({ where: { studentId } })).toBe(0);
    expect(await db.dataExport.count({ where: { subjectId: studentId } })).toBe(0);
  });

  it("keeps the teacher's class, content and generation token counts, shown under the anonymized name", async () => {
    const db = w.t.db;
    const cls = await db.class.findUniqueOrThrow({ where: { id: classId }, include: { teacher: true } });
    expect(cls.teacher.name).toBe(ERASED_NAME);
    expect(cls.name).toBe("[erased]'s Science");
    expect(await db.contentItem.count({ where: { authorId: teacherId } })).toBe(2);
    const usage = await db.agentExecution.aggregate({
      where: { task: { createdById: teacherId } },
      _sum: { promptTokens: true, completionTokens: true },
    });
    expect(usage._sum).toEqual({ promptTokens: 120, completionTokens: 300 });
  });

  it("keeps other people's announcements, with the erased name replaced", async () => {
    const message = await w.t.db.message.findFirstOrThrow({ where: { thread: { subject: "Star of the week" } } });
    expect(message.body).toBe("Congratulations to [erased]!");
  });

  it("keeps the audit trail's rows, with the erased person as an anonymized actor", async () => {
    const rows = await w.t.db.auditLog.findMany({ where: { actorId: studentId } });
    expect(rows.map((r) => r.action)).toEqual(["me.profile_updated"]);
    const purged = await w.t.db.auditLog.findMany({ where: { action: "erasure.purged" } });
    expect(purged.map((r) => [r.actorId, r.targetId]).sort()).toEqual(
      [
        [null, studentId],
        [null, teacherId],
      ].sort(),
    );
  });
});
