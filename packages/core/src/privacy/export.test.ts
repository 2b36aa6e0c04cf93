// A person's data export on a real database: who may ask for one, what the zip holds (every
// section as JSON and CSV, the person's own records and nobody else's), who sees it afterwards,
// and its download link's expiry.
import { unzipSync } from "fflate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "../actor";
import { recordActivity, recordAudit } from "../audit/audit";
import { createDomainWorld, type DomainWorld, domainErrorOf } from "../testing";
import {
  createExportLink,
  downloadExport,
  EXPORT_STALE_MS,
  EXPORT_TTL_MS,
  exportsSettled,
  getExport,
  listExports,
  purgeExpiredExports,
  requestExport,
} from "./export";
import { EXPORT_SECTIONS } from "./export-collect";

let w: DomainWorld;
let student: Actor;
let other: Actor;
let teacher: Actor;
let seq = 0;

/** A class, a submitted quiz with its answer, lesson progress, a sent message and audit rows, all marked `tag`. */
async function seedLearner(learner: Actor, tag: string) {
  seq += 1;
  const db = w.scoped("a");
  const organizationId = w.orgs.a;
  const cls = await db.class.create({
    data: {
      organizationId,
      teacherId: teacher.userId,
      name: `${tag} Class`,
      subject: "Science",
      gradeLevel: "7",
      joinCode: `EXP${seq}${tag}`.slice(0, 12).toUpperCase(),
    },
  });
  await db.enrollment.create({ data: { organizationId, classId: cls.id, studentId: learner.userId } });
  const quiz = await db.contentItem.create({
    data: {
      organizationId,
      authorId: teacher.userId,
      type: "QUIZ",
      title: `${tag} Quiz`,
      subject: "Science",
      gradeLevel: "7",
      body: {},
    },
  });
  const question = await db.question.create({
    data: { organizationId, ownerId: teacher.userId, type: "SHORT_ANSWER", prompt: `${tag} question?`, answer: {} },
  });
  const quizAssignment = await db.assignment.create({
    data: { organizationId, classId: cls.id, contentId: quiz.id, assignedById: teacher.userId },
  });
  const attempt = await db.attempt.create({
    data: {
      organizationId,
      assignmentId: quizAssignment.id,
      studentId: learner.userId,
      number: 1,
      status: "SUBMITTED",
      questionIds: [question.id],
      score: 3,
      maxScore: 4,
      submittedAt: new Date(),
    },
  });
  await db.attemptAnswer.create({
    data: {
      organizationId,
      attemptId: attempt.id,
      questionId: question.id,
      response: { text: `${tag} answer text` },
      correct: true,
      points: 3,
      maxPoints: 4,
    },
  });
  const lesson = await db.contentItem.create({
    data: {
      organizationId,
      authorId: teacher.userId,
      type: "LESSON",
      title: `${tag} Lesson`,
      subject: "Science",
      gradeLevel: "7",
      body: {},
    },
  });
  const lessonAssignment = await db.assignment.create({
    data: { organizationId, classId: cls.id, contentId: lesson.id, assignedById: teacher.userId },
  });
  await db.lessonProgress.create({
    data: {
      organizationId,
      assignmentId: lessonAssignment.id,
      contentId: lesson.id,
      studentId: learner.userId,
      completedSections: [`${tag}-section-1`],
    },
  });
  const thread = await db.messageThread.create({
    data: { organizationId, kind: "DIRECT", classId: cls.id, subject: `${tag} thread`, createdById: learner.userId },
  });
  await db.message.create({
    data: { organizationId, threadId: thread.id, authorId: learner.userId, body: `${tag} message body` },
  });
  const conversation = await db.conversation.create({
    data: { organizationId, userId: learner.userId, kind: "TUTOR", title: `${tag} tutor chat`, classId: cls.id },
  });
  await db.conversationMessage.create({
    data: { organizationId, conversationId: conversation.id, role: "USER", content: `${tag} question for the tutor` },
  });
  await recordAudit(w.svc(learner), { action: "me.profile_updated", metadata: { note: `${tag} audit as actor` } });
  await recordAudit(w.svc(await w.actor("a", "ADMIN")), {
    action: "user.updated",
    targetType: "User",
    targetId: learner.userId,
    metadata: { note: `${tag} audit as target` },
  });
  await recordActivity(w.svc(learner), "lesson_viewed", { note: `${tag} activity` });
}

async function built(actor: Actor, subjectId: string) {
  const requested = await requestExport(w.svc(actor), { subjectId });
  await exportsSettled();
  return getExport(w.svc(actor), { exportId: requested.id });
}

async function zipOf(actor: Actor, exportId: string) {
  const link = await createExportLink(w.svc(actor), { exportId });
  const token = decodeURIComponent(link.url.replace("/api/exports/", ""));
  const file = await downloadExport(w.svc(actor), { token });
  return { file, token, files: unzipSync(file.body) };
}

const text = (bytes: Uint8Array | undefined) => new TextDecoder().decode(bytes);

beforeAll(async () => {
  w = await createDomainWorld();
  teacher = await w.actor("a", "TEACHER");
  student = await w.newActor("a", "STUDENT", "Alma Learner");
  other = await w.newActor("a", "STUDENT", "Zed Otherkid");
  await seedLearner(student, "Almond");
  await seedLearner(other, "Zebra");
  await w.scoped("a").parentStudentLink.create({
    data: { organizationId: w.orgs.a, parentId: w.users.a.PARENT.id, studentId: student.userId },
  });
});
afterAll(async () => {
  await exportsSettled();
  await w.t.close();
});

describe("the export zip", () => {
  let files: Record<string, Uint8Array>;
  let filename: string;
  beforeAll(async () => {
    const admin = await w.actor("a", "ADMIN");
    const done = await built(admin, student.userId);
    expect(done.status).toBe("SUCCEEDED");
    const zip = await zipOf(admin, done.id);
    files = zip.files;
    filename = zip.file.filename;
  });

  it("holds a README and every section as JSON and as CSV", () => {
    const expected = ["README.txt", ...EXPORT_SECTIONS.flatMap((s) => [`${s.name}.json`, `${s.name}.csv`])];
    expect(Object.keys(files).sort()).toEqual(expected.sort());
    expect(Object.keys(files)).toEqual(
      expect.arrayContaining([
        "profile.json",
        "enrollments.csv",
        "attempts.json",
        "answers.csv",
        "lesson-progress.json",
        "messages.csv",
        "audit-trail.json",
      ]),
    );
  });

  it("names the person and explains every file in the README", () => {
    const readme = text(files["README.txt"]);
    expect(readme).toContain("Alma Learner");
    for (const s of EXPORT_SECTIONS) expect(readme).toContain(`${s.name}.json / ${s.name}.csv`);
  });

  it("is named for the person and the day", () => {
    expect(filename).toMatch(/^data-export-alma-learner-\d{4}-\d{2}-\d{2}\.zip$/);
  });

  it("holds the student's profile, classes, attempts with answers and scores, lesson progress, messages and audit trail", () => {
    const profile = JSON.parse(text(files["profile.json"])) as { id: string; name: string }[];
    expect(profile).toEqual([expect.objectContaining({ id: student.userId, name: "Alma Learner" })]);
    expect(text(files["enrollments.csv"])).toContain("Almond Class");
    const attempts = JSON.parse(text(files["attempts.json"])) as { assignment: string; score: number }[];
    expect(attempts).toEqual([expect.objectContaining({ assignment: "Almond Quiz", score: 3, maxScore: 4 })]);
    const answers = JSON.parse(text(files["answers.json"])) as unknown[];
    expect(answers).toEqual([
      expect.objectContaining({ question: "Almond question?", answer: { text: "Almond answer text" }, points: 3 }),
    ]);
    expect(text(files["answers.csv"])).toContain("Almond answer text");
    expect(text(files["lesson-progress.csv"])).toContain("Almond Lesson");
    const messages = JSON.parse(text(files["messages.json"])) as unknown[];
    expect(messages).toEqual([expect.objectContaining({ thread: "Almond thread", body: "Almond message body" })]);
    const audit = text(files["audit-trail.json"]);
    expect(audit).toContain("Almond audit as actor");
    expect(audit).toContain("Almond audit as target");
    expect(audit).toContain("data_export.requested");
    expect(text(files["activity.csv"])).toContain("Almond activity");
  });

  it("holds the person's tutor conversations with what they asked", () => {
    const rows = JSON.parse(text(files["assistant-conversations.json"])) as unknown[];
    expect(rows).toEqual([
      expect.objectContaining({
        conversation: "Almond tutor chat",
        kind: "TUTOR",
        role: "USER",
        content: "Almond question for the tutor",
      }),
    ]);
  });

  it("holds nothing of another student", () => {
    for (const [name, bytes] of Object.entries(files)) {
      const content = text(bytes);
      expect(content, name).not.toContain("Zebra");
      expect(content, name).not.toContain(other.userId);
      expect(content, name).not.toContain(other.email);
    }
  });

  it("writes every CSV with its header row, even for an empty section", () => {
    expect(text(files["api-keys.csv"]).trim()).toBe("name,prefix,scopes,createdAt,expiresAt,revokedAt,lastUsedAt");
    expect(text(files["messages.csv"]).split("\n")[0]).toBe("messageId,threadId,thread,body,sentAt");
  });
});

describe("building an export", () => {
  it("starts queued at 0% and ends built at 100%, with the zip's size", async () => {
    const requested = await requestExport(w.svc(student), { subjectId: student.userId });
    expect(requested).toMatchObject({ status: "QUEUED", progress: 0, downloadable: false, fileBytes: null });
    await exportsSettled();
    const done = await getExport(w.svc(student), { exportId: requested.id });
    expect(done).toMatchObject({ status: "SUCCEEDED", progress: 100, downloadable: true, expired: false });
    expect(done.fileBytes).toBeGreaterThan(0);
  });

  it("answers the export being built instead of starting a second one", async () => {
    const first = await requestExport(w.svc(student), { subjectId: student.userId });
    const again = await requestExport(w.svc(student), { subjectId: student.userId });
    expect(again.id).toBe(first.id);
    await exportsSettled();
  });

  it("marks a build its process never finished as failed, so the person can ask again", async () => {
    const stuck = await w.scoped("a").dataExport.create({
      data: {
        organizationId: w.orgs.a,
        subjectId: other.userId,
        requestedById: other.userId,
        status: "RUNNING",
        progress: 40,
        createdAt: new Date(Date.now() - EXPORT_STALE_MS - 1000),
      },
    });
    const fresh = await requestExport(w.svc(other), { subjectId: other.userId });
    expect(fresh.id).not.toBe(stuck.id);
    await exportsSettled();
    expect(await getExport(w.svc(other), { exportId: stuck.id })).toMatchObject({
      status: "FAILED",
      error: "The build was interrupted. Ask for a new export.",
    });
  });

  it("refuses a link to an export still being built with CONFLICT", async () => {
    const requested = await requestExport(w.svc(student), { subjectId: student.userId });
    expect((await domainErrorOf(createExportLink(w.svc(student), { exportId: requested.id }))).code).toBe("CONFLICT");
    await exportsSettled();
  });
});

describe("who may ask for an export", () => {
  it("lets the person export their own data", async () => {
    const done = await built(student, student.userId);
    expect(done).toMatchObject({ status: "SUCCEEDED", progress: 100, subject: { id: student.userId } });
    expect(done.fileBytes).toBeGreaterThan(0);
  });

  it("lets a parent export their linked child's data", async () => {
    const done = await built(await w.actor("a", "PARENT"), student.userId);
    expect(done).toMatchObject({ status: "SUCCEEDED", downloadable: true });
  });

  it("refuses a parent who is not linked to the child", async () => {
    const stranger = await w.newActor("a", "PARENT");
    const error = await domainErrorOf(requestExport(w.svc(stranger), { subjectId: student.userId }));
    expect(error.code).toBe("FORBIDDEN");
  });

  it("refuses a teacher, and another student", async () => {
    expect((await domainErrorOf(requestExport(w.svc(teacher), { subjectId: student.userId }))).code).toBe("FORBIDDEN");
    expect((await domainErrorOf(requestExport(w.svc(other), { subjectId: student.userId }))).code).toBe("FORBIDDEN");
  });

  it("answers NOT_FOUND to another organization's admin", async () => {
    const error = await domainErrorOf(requestExport(w.svc(await w.actor("b", "ADMIN")), { subjectId: student.userId }));
    expect(error.code).toBe("NOT_FOUND");
  });

  it("audits the request, naming the person", async () => {
    const done = await built(await w.actor("a", "ADMIN"), other.userId);
    const row = await w.scoped("a").auditLog.findFirst({
      where: { action: "data_export.requested", metadata: { path: ["exportId"], equals: done.id } },
    });
    expect(row).toMatchObject({ actorId: w.users.a.ADMIN.id, targetType: "User", targetId: other.userId });
  });
});

describe("who sees an export", () => {
  it("shows an admin every export of the organization, and another organization's admin none", async () => {
    const done = await built(student, student.userId);
    const mine = await listExports(w.svc(await w.actor("a", "ADMIN")));
    expect(mine.map((e) => e.id)).toContain(done.id);
    expect(await listExports(w.svc(await w.actor("b", "ADMIN")))).toEqual([]);
    expect((await domainErrorOf(getExport(w.svc(await w.actor("b", "ADMIN")), { exportId: done.id }))).code).toBe(
      "NOT_FOUND",
    );
  });

  it("shows a student only the exports about themself", async () => {
    await built(await w.actor("a", "ADMIN"), other.userId);
    const seen = await listExports(w.svc(student));
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.every((e) => e.subject.id === student.userId)).toBe(true);
  });

  it("refuses another student's download link with NOT_FOUND, even with the token", async () => {
    const admin = await w.actor("a", "ADMIN");
    const done = await built(admin, student.userId);
    const link = await createExportLink(w.svc(admin), { exportId: done.id });
    const token = decodeURIComponent(link.url.replace("/api/exports/", ""));
    expect((await domainErrorOf(downloadExport(w.svc(other), { token }))).code).toBe("NOT_FOUND");
  });

  it("stops showing an export to a parent unlinked after asking for it: no get, list, link or download", async () => {
    const parent = await w.newActor("a", "PARENT");
    const child = await w.newActor("a", "STUDENT", "Una Linked");
    const link = await w.scoped("a").parentStudentLink.create({
      data: { organizationId: w.orgs.a, parentId: parent.userId, studentId: child.userId },
    });
    const done = await built(parent, child.userId);
    const { token } = await zipOf(parent, done.id);
    await w.scoped("a").parentStudentLink.delete({ where: { id: link.id } });
    expect((await domainErrorOf(getExport(w.svc(parent), { exportId: done.id }))).code).toBe("NOT_FOUND");
    expect((await listExports(w.svc(parent))).map((e) => e.id)).not.toContain(done.id);
    expect((await domainErrorOf(createExportLink(w.svc(parent), { exportId: done.id }))).code).toBe("NOT_FOUND");
    expect((await domainErrorOf(downloadExport(w.svc(parent), { token }))).code).toBe("NOT_FOUND");
  });

  it("stops showing an export to an admin demoted after asking for it", async () => {
    const admin = await w.newActor("a", "ADMIN");
    const done = await built(admin, other.userId);
    const demoted: Actor = { ...admin, role: "TEACHER" };
    expect((await domainErrorOf(getExport(w.svc(demoted), { exportId: done.id }))).code).toBe("NOT_FOUND");
    expect((await listExports(w.svc(demoted))).map((e) => e.id)).not.toContain(done.id);
  });

  it("audits each download", async () => {
    const admin = await w.actor("a", "ADMIN");
    const done = await built(admin, student.userId);
    await zipOf(admin, done.id);
    const rows = await w.scoped("a").auditLog.findMany({
      where: { action: "data_export.downloaded", metadata: { path: ["exportId"], equals: done.id } },
    });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ actorId: admin.userId, targetId: student.userId });
  });
});

describe("download links", () => {
  it("answers NOT_FOUND for an unknown token", async () => {
    const error = await domainErrorOf(downloadExport(w.svc(student), { token: "x".repeat(43) }));
    expect(error.code).toBe("NOT_FOUND");
  });

  it("stops the older link when a newer one is made", async () => {
    const done = await built(student, student.userId);
    const first = await zipOf(student, done.id);
    await createExportLink(w.svc(student), { exportId: done.id });
    expect((await domainErrorOf(downloadExport(w.svc(student), { token: first.token }))).code).toBe("NOT_FOUND");
  });

  it("stores only the token's hash", async () => {
    const done = await built(student, student.userId);
    const { token } = await zipOf(student, done.id);
    const row = await w.scoped("a").dataExport.findFirstOrThrow({ where: { id: done.id } });
    expect(row.tokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(row.tokenHash).not.toContain(token);
  });

  it("expires seven days after the export was built", async () => {
    const done = await built(student, student.userId);
    const finished = done.finishedAt?.getTime() ?? 0;
    expect(done.expiresAt?.getTime()).toBe(finished + EXPORT_TTL_MS);
  });

  it("after expiry answers PRECONDITION_FAILED (the route's 410) and deletes the file", async () => {
    const done = await built(student, student.userId);
    const link = await createExportLink(w.svc(student), { exportId: done.id });
    const token = decodeURIComponent(link.url.replace("/api/exports/", ""));
    await w.scoped("a").dataExport.update({ where: { id: done.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const error = await domainErrorOf(downloadExport(w.svc(student), { token }));
    expect(error.code).toBe("PRECONDITION_FAILED");
    const row = await w.scoped("a").dataExport.findFirstOrThrow({ where: { id: done.id } });
    expect(row.file).toBeNull();
    expect(await getExport(w.svc(student), { exportId: done.id })).toMatchObject({
      expired: true,
      downloadable: false,
    });
    expect((await domainErrorOf(createExportLink(w.svc(student), { exportId: done.id }))).code).toBe(
      "PRECONDITION_FAILED",
    );
  });

  it("purges the files of expired exports and keeps the rows", async () => {
    const done = await built(student, student.userId);
    await w.scoped("a").dataExport.update({ where: { id: done.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await purgeExpiredExports(w.scoped("a"))).toBeGreaterThanOrEqual(1);
    const row = await w.scoped("a").dataExport.findFirstOrThrow({ where: { id: done.id } });
    expect(row).toMatchObject({ file: null, status: "SUCCEEDED" });
  });
});
