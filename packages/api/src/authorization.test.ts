// The authorization matrix: every procedure x every role (and anonymous). A procedure
// added to the app router without an entry here fails the first test.

import { createResetToken, generateJoinCode } from "@toolboxai/core";
import { type Role, TENANT_MODELS } from "@toolboxai/db";
import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appRouter } from "./root";
import { createWorld, ROLES, type World } from "./testing";

/** `role`: who the matrix calls as (for inputs that must be the caller's own, such as a key to rotate). */
type Input = (w: World, org: "a" | "b", role?: Role) => Promise<unknown> | unknown;
interface Entry {
  allowed: readonly Role[];
  input: Input;
  /** Public procedures (the signed-out password reset) answer anonymous callers too. */
  public?: true;
}

const ALL = ROLES;

let counter = 0;
/** A fresh user to act on, so mutations in one cell do not change the next. */
async function freshUser(w: World, org: "a" | "b") {
  counter += 1;
  const u = await w.scoped(org).user.create({
    data: {
      organizationId: w.orgs[org],
      email: `target${counter}@${org}.test`,
      name: `Target ${counter}`,
      role: "STUDENT",
      passwordHash: "x",
    },
  });
  return u.id;
}

/** A fresh class taught by the organization's teacher, optionally with its student enrolled. */
async function freshClass(w: World, org: "a" | "b", opts: { enroll?: boolean } = {}) {
  counter += 1;
  const db = w.scoped(org);
  const c = await db.class.create({
    data: {
      organizationId: w.orgs[org],
      teacherId: w.users[org].TEACHER.id,
      name: `Class ${counter}`,
      subject: "Science",
      gradeLevel: "7",
      joinCode: generateJoinCode(),
    },
  });
  if (opts.enroll) {
    await db.enrollment.create({
      data: { organizationId: w.orgs[org], classId: c.id, studentId: w.users[org].STUDENT.id },
    });
  }
  return c;
}

const STAFF: Role[] = ["TEACHER", "ADMIN"];

/** A generation task asked for by the organization's teacher (not queued: nothing runs it). */
async function freshTask(w: World, org: "a" | "b", status: "QUEUED" | "FAILED" = "QUEUED") {
  const task = await w.scoped(org).agentTask.create({
    data: {
      organizationId: w.orgs[org],
      createdById: w.users[org].TEACHER.id,
      request: { topic: "Photosynthesis", subject: "Science", gradeLevel: "7", parts: ["lesson"] },
      status,
      provider: "offline",
      model: "offline-drafts-v1",
    },
  });
  return { taskId: task.id };
}
const classId = async (w: World, org: "a" | "b") => ({ classId: (await freshClass(w, org)).id });

/**
 * A conversation of `role`'s (the teacher's by default) with one finished reply, for the
 * assistant.* entries; a tutor conversation is the student's, in a class of the org's teacher.
 */
async function freshConversation(
  w: World,
  org: "a" | "b",
  role: Role = "TEACHER",
  kind: "TEACHER" | "TUTOR" = "TEACHER",
) {
  const db = w.scoped(org);
  const klass = kind === "TUTOR" ? await freshClass(w, org, { enroll: true }) : null;
  const conversation = await db.conversation.create({
    data: {
      organizationId: w.orgs[org],
      userId: w.users[org][kind === "TUTOR" ? "STUDENT" : role].id,
      kind,
      title: "Matrix conversation",
      classId: klass?.id ?? null,
    },
  });
  const reply = await db.conversationMessage.create({
    data: { organizationId: w.orgs[org], conversationId: conversation.id, role: "ASSISTANT", content: "Hello" },
  });
  return { conversationId: conversation.id, messageId: reply.id, classId: klass?.id ?? null };
}

/** A built data export about the organization's `subject` (the student by default), asked for by its admin. */
async function freshExport(w: World, org: "a" | "b", subject: Role = "STUDENT") {
  const row = await w.scoped(org).dataExport.create({
    data: {
      organizationId: w.orgs[org],
      subjectId: w.users[org][subject].id,
      requestedById: w.users[org].ADMIN.id,
      status: "SUCCEEDED",
      progress: 100,
      file: new Uint8Array([0x50, 0x4b, 0x05, 0x06, ...new Array<number>(18).fill(0)]),
      fileBytes: 22,
      finishedAt: new Date(),
      expiresAt: new Date(Date.now() + 86_400_000),
    },
  });
  return { exportId: row.id };
}

/** A fresh lesson by the organization's teacher, for the content.* entries. */
async function freshContent(w: World, org: "a" | "b", data: { deletedAt?: Date; version?: number } = {}) {
  const body = { sections: [{ id: "s1", heading: "Intro", markdown: "Hello", media: [] }] };
  const item = await w.scoped(org).contentItem.create({
    data: {
      organizationId: w.orgs[org],
      authorId: w.users[org].TEACHER.id,
      type: "LESSON",
      title: "Matrix lesson",
      subject: "Science",
      gradeLevel: "7",
      body,
      ...data,
    },
  });
  if (item.version > 1) {
    await w.scoped(org).contentVersion.create({
      data: {
        organizationId: w.orgs[org],
        contentId: item.id,
        version: 1,
        title: "Earlier",
        description: "",
        subject: "Science",
        gradeLevel: "7",
        body,
      },
    });
  }
  return item;
}
const contentId = async (w: World, org: "a" | "b") => ({ contentId: (await freshContent(w, org)).id });

/** A fresh true/false question owned by the organization's teacher, for the questions.* entries. */
async function freshQuestion(w: World, org: "a" | "b") {
  const q = await w.scoped(org).question.create({
    data: {
      organizationId: w.orgs[org],
      ownerId: w.users[org].TEACHER.id,
      type: "TRUE_FALSE",
      prompt: "Matrix question",
      answer: { value: true },
    },
  });
  return q.id;
}
/** A fresh quiz by the organization's teacher. */
async function freshQuiz(w: World, org: "a" | "b") {
  const quiz = await w.scoped(org).contentItem.create({
    data: {
      organizationId: w.orgs[org],
      authorId: w.users[org].TEACHER.id,
      type: "QUIZ",
      title: "Matrix quiz",
      subject: "Science",
      gradeLevel: "7",
      body: { instructions: "", draw: null },
    },
  });
  return quiz.id;
}
const questionId = async (w: World, org: "a" | "b") => ({ questionId: await freshQuestion(w, org) });

/** A fresh Roblox environment (an ENVIRONMENT item with the smallest valid spec) by the organization's teacher. */
async function freshEnvironment(w: World, org: "a" | "b") {
  const at = { x: 0, y: 0, z: 0 };
  const body = {
    terrain: {
      name: "Matrix island",
      description: "",
      baseMaterial: "Grass",
      size: { x: 128, z: 128 },
      regions: [],
      props: [],
      spawnPoints: [{ name: "Dock", position: at }],
      stations: [{ id: "Intro", name: "Intro", kind: "info", position: at, prompt: "Welcome", questionIndex: null }],
    },
    scripts: [],
    checkpoints: [],
  };
  const item = await w.scoped(org).contentItem.create({
    data: {
      organizationId: w.orgs[org],
      authorId: w.users[org].TEACHER.id,
      type: "ENVIRONMENT",
      title: "Matrix environment",
      subject: "Science",
      gradeLevel: "7",
      body,
    },
  });
  return { environmentId: item.id };
}

/** A published lesson or one-question quiz assigned to a fresh class with the org's student enrolled. */
async function freshAssignment(w: World, org: "a" | "b", type: "LESSON" | "QUIZ") {
  const db = w.scoped(org);
  const cls = await freshClass(w, org, { enroll: true });
  const body =
    type === "LESSON"
      ? { sections: [{ id: "s1", heading: "One", markdown: "Text", media: [] }] }
      : { instructions: "", draw: null };
  const content = await db.contentItem.create({
    data: {
      organizationId: w.orgs[org],
      authorId: w.users[org].TEACHER.id,
      type,
      title: `${type} ${counter}`,
      subject: "Science",
      gradeLevel: "7",
      body,
      status: "PUBLISHED",
    },
  });
  if (type === "QUIZ") {
    const question = await db.question.create({
      data: {
        organizationId: w.orgs[org],
        ownerId: w.users[org].TEACHER.id,
        type: "TRUE_FALSE",
        prompt: "True?",
        answer: { value: true },
      },
    });
    await db.quizQuestion.create({
      data: { organizationId: w.orgs[org], quizId: content.id, questionId: question.id, position: 0 },
    });
  }
  const assignment = await db.assignment.create({
    data: {
      organizationId: w.orgs[org],
      classId: cls.id,
      contentId: content.id,
      assignedById: w.users[org].TEACHER.id,
    },
  });
  return { assignmentId: assignment.id, classId: cls.id, contentId: content.id };
}

/** An in-progress attempt of the org's student on a fresh quiz assignment. */
async function freshAttempt(w: World, org: "a" | "b") {
  const { assignmentId } = await freshAssignment(w, org, "QUIZ");
  const quiz = await w
    .scoped(org)
    .assignment.findFirstOrThrow({ where: { id: assignmentId }, select: { contentId: true } });
  const link = await w.scoped(org).quizQuestion.findFirstOrThrow({ where: { quizId: quiz.contentId } });
  const attempt = await w.scoped(org).attempt.create({
    data: {
      organizationId: w.orgs[org],
      assignmentId,
      studentId: w.users[org].STUDENT.id,
      number: 1,
      questionIds: [link.questionId],
    },
  });
  return { attemptId: attempt.id, questionId: link.questionId };
}

/** A fresh attempt, submitted and graded. */
async function submittedAttempt(w: World, org: "a" | "b") {
  const { attemptId } = await freshAttempt(w, org);
  await w.scoped(org).attempt.update({
    where: { id: attemptId },
    data: { status: "SUBMITTED", submittedAt: new Date(), score: 1, maxScore: 1 },
  });
  return undefined;
}

/** A submitted, graded attempt of the org's student on a fresh quiz assignment (for grading entries). */
async function freshSubmittedAttempt(w: World, org: "a" | "b") {
  const { attemptId, questionId } = await freshAttempt(w, org);
  const db = w.scoped(org);
  await db.attempt.update({ where: { id: attemptId }, data: { status: "SUBMITTED", score: 0, maxScore: 1 } });
  await db.attemptAnswer.create({
    data: { organizationId: w.orgs[org], attemptId, questionId, response: {}, correct: false, points: 0, maxPoints: 1 },
  });
  return { attemptId, questionId };
}

/** A direct thread in a fresh class with the org's teacher, student, admin and parent all taking part. */
async function freshThread(w: World, org: "a" | "b") {
  const cls = await freshClass(w, org, { enroll: true });
  const organizationId = w.orgs[org];
  const thread = await w.scoped(org).messageThread.create({
    data: {
      organizationId,
      kind: "DIRECT",
      classId: cls.id,
      subject: "Matrix thread",
      createdById: w.users[org].TEACHER.id,
      participants: {
        create: (["TEACHER", "STUDENT", "ADMIN", "PARENT"] as const).map((role) => ({
          organizationId,
          userId: w.users[org][role].id,
        })),
      },
      messages: { create: { organizationId, authorId: w.users[org].TEACHER.id, body: "Hello" } },
    },
  });
  return { threadId: thread.id };
}

/** A fresh API key of the organization's teacher (its admin sees it too). */
async function freshApiKey(w: World, org: "a" | "b", owner: Role = "TEACHER") {
  counter += 1;
  const key = await w.scoped(org).apiKey.create({
    data: {
      organizationId: w.orgs[org],
      userId: w.users[org][owner].id,
      name: `Matrix key ${counter}`,
      keyHash: `matrix-${org}-${counter}-${Math.random()}`,
      prefix: "tbx_live_Mtrx",
      scopes: ["content:read"],
    },
  });
  return { keyId: key.id };
}

const matrix: Record<string, Entry> = {
  "me.get": { allowed: ALL, input: () => undefined },
  "me.updateProfile": { allowed: ALL, input: () => ({ name: "Renamed" }) },
  "me.changePassword": {
    allowed: ALL,
    // Wrong current password: allowed roles get BAD_REQUEST, which is not an authorization refusal.
    input: () => ({ currentPassword: "nope", newPassword: "another-pass-1", confirmPassword: "another-pass-1" }),
  },
  "me.sessions": { allowed: ALL, input: () => undefined },
  "me.signOutOtherSessions": { allowed: ALL, input: () => undefined },
  // Imports: a dry run of a one-row CSV (it writes nothing); get and list read a job of the organization.
  "imports.start": {
    allowed: ["ADMIN"],
    input: () => ({
      format: "csv",
      dryRun: true,
      fileName: "people.csv",
      content: "name,email,role\nAda,ada@x.test,student\n",
    }),
  },
  "imports.get": {
    allowed: ["ADMIN"],
    input: async (w, org) => ({
      jobId: (
        await w.scoped(org).importJob.create({ data: { organizationId: w.orgs[org], format: "csv", dryRun: true } })
      ).id,
    }),
  },
  "imports.list": {
    allowed: ["ADMIN"],
    input: async (w, org) => {
      await w.scoped(org).importJob.create({ data: { organizationId: w.orgs[org], format: "csv", dryRun: true } });
      return {};
    },
  },
  "users.list": { allowed: ["ADMIN"], input: () => ({}) },
  "users.create": {
    allowed: ["ADMIN"],
    input: () => {
      counter += 1;
      return { name: "New Person", email: `new${counter}@x.test`, role: "STUDENT" };
    },
  },
  "users.update": {
    allowed: ["ADMIN"],
    input: async (w, org) => ({
      userId: await freshUser(w, org),
      name: "Edited Name",
      email: `edited${counter}@x.test`,
    }),
  },
  "users.delete": { allowed: ["ADMIN"], input: async (w, org) => ({ userId: await freshUser(w, org) }) },
  "users.createResetLink": { allowed: ["ADMIN"], input: async (w, org) => ({ userId: await freshUser(w, org) }) },
  // The app-token grant and refresh with an input refused before any token is signed (the world's
  // contexts hold no signing key); they are tested for real in routers/auth.
  "auth.token": { allowed: ALL, public: true, input: () => ({ email: "not an email", password: "x" }) },
  "auth.refresh": { allowed: ALL, public: true, input: () => ({ refreshToken: "" }) },
  "auth.revoke": { allowed: ALL, public: true, input: () => ({ refreshToken: "tbx_rt_not-a-real-token" }) },
  "passwordReset.request": { allowed: ALL, public: true, input: () => ({ email: "nobody@nowhere.test" }) },
  "passwordReset.status": { allowed: ALL, public: true, input: () => ({ token: "not-a-real-token" }) },
  "passwordReset.complete": {
    allowed: ALL,
    public: true,
    input: async (w, org) => {
      const userId = await freshUser(w, org);
      const { token } = await createResetToken(w.scoped(org), { userId, orgId: w.orgs[org], createdById: null });
      return { token, password: "a-new-password-1", confirmPassword: "a-new-password-1" };
    },
  },
  "users.changeRole": {
    allowed: ["ADMIN"],
    input: async (w, org) => ({ userId: await freshUser(w, org), role: "TEACHER" }),
  },
  "users.deactivate": { allowed: ["ADMIN"], input: async (w, org) => ({ userId: await freshUser(w, org) }) },
  "users.reactivate": { allowed: ["ADMIN"], input: async (w, org) => ({ userId: await freshUser(w, org) }) },
  "users.parentLinks": { allowed: ["ADMIN"], input: (w, org) => ({ parentId: w.users[org].PARENT.id }) },
  "users.linkParent": {
    allowed: ["ADMIN"],
    input: async (w, org) => ({ parentId: w.users[org].PARENT.id, studentIds: [await freshUser(w, org)] }),
  },
  "users.unlinkParent": {
    allowed: ["ADMIN"],
    input: async (w, org) => {
      const studentId = await freshUser(w, org);
      const parentId = w.users[org].PARENT.id;
      await w.scoped(org).parentStudentLink.create({ data: { organizationId: w.orgs[org], parentId, studentId } });
      return { parentId, studentId };
    },
  },
  // Erasure: a pending request of a fresh person (undone by cancel; listed, so isolation has rows).
  "erasure.request": {
    allowed: ["ADMIN"],
    input: async (w, org) => ({ userId: await freshUser(w, org), reason: "Matrix" }),
  },
  "erasure.cancel": {
    allowed: ["ADMIN"],
    input: async (w, org) => {
      const subjectId = await freshUser(w, org);
      const purgeAfter = new Date(Date.now() + 30 * 86_400_000);
      const request = await w.scoped(org).erasureRequest.create({
        data: { organizationId: w.orgs[org], subjectId, purgeAfter, summary: { wasActive: 1 } },
      });
      return { requestId: request.id };
    },
  },
  "erasure.list": {
    allowed: ["ADMIN"],
    input: async (w, org) => {
      const subjectId = await freshUser(w, org);
      const purgeAfter = new Date(Date.now() + 30 * 86_400_000);
      await w.scoped(org).erasureRequest.create({ data: { organizationId: w.orgs[org], subjectId, purgeAfter } });
      return undefined;
    },
  },
  "users.setTemporaryPassword": { allowed: ["ADMIN"], input: async (w, org) => ({ userId: await freshUser(w, org) }) },
  "users.bulkDeactivate": { allowed: ["ADMIN"], input: async (w, org) => ({ userIds: [await freshUser(w, org)] }) },
  "users.bulkChangeRole": {
    allowed: ["ADMIN"],
    input: async (w, org) => ({ userIds: [await freshUser(w, org)], role: "TEACHER" }),
  },
  "users.bulkLinkParent": {
    allowed: ["ADMIN"],
    input: async (w, org) => ({ parentId: w.users[org].PARENT.id, studentIds: [await freshUser(w, org)] }),
  },
  "classes.list": { allowed: ["TEACHER", "ADMIN", "STUDENT"], input: () => ({}) },
  "classes.get": {
    allowed: ["TEACHER", "ADMIN", "STUDENT"],
    input: async (w, org) => ({ classId: (await freshClass(w, org, { enroll: true })).id }),
  },
  "classes.create": { allowed: STAFF, input: () => ({ name: "Biology 7", subject: "Science", gradeLevel: "7" }) },
  "classes.update": {
    allowed: STAFF,
    input: async (w, org) => ({ ...(await classId(w, org)), name: "Renamed", subject: "Science", gradeLevel: "8" }),
  },
  "classes.archive": { allowed: STAFF, input: classId },
  "classes.unarchive": { allowed: STAFF, input: classId },
  "classes.regenerateCode": { allowed: STAFF, input: classId },
  "classes.join": { allowed: ["STUDENT"], input: async (w, org) => ({ code: (await freshClass(w, org)).joinCode }) },
  "classes.forStudent": {
    allowed: ["STUDENT"],
    input: async (w, org) => ({ classId: (await freshClass(w, org, { enroll: true })).id }),
  },
  "classes.addStudent": {
    allowed: STAFF,
    input: async (w, org) => ({ ...(await classId(w, org)), studentId: w.users[org].STUDENT.id }),
  },
  "classes.removeStudent": {
    allowed: STAFF,
    input: async (w, org) => ({
      classId: (await freshClass(w, org, { enroll: true })).id,
      studentId: w.users[org].STUDENT.id,
    }),
  },
  "classes.availableStudents": { allowed: STAFF, input: classId },
  "assignments.create": {
    allowed: STAFF,
    input: async (w, org) => {
      const { contentId } = await freshAssignment(w, org, "LESSON");
      return { classId: (await freshClass(w, org)).id, contentId };
    },
  },
  "assignments.update": {
    allowed: STAFF,
    input: async (w, org) => ({ assignmentId: (await freshAssignment(w, org, "QUIZ")).assignmentId, maxAttempts: 3 }),
  },
  "assignments.extendDueDate": {
    allowed: STAFF,
    input: async (w, org) => ({
      assignmentId: (await freshAssignment(w, org, "LESSON")).assignmentId,
      studentId: w.users[org].STUDENT.id,
      dueAt: new Date(Date.now() + 86_400_000),
    }),
  },
  "assignments.unassign": {
    allowed: STAFF,
    input: async (w, org) => ({ assignmentId: (await freshAssignment(w, org, "LESSON")).assignmentId }),
  },
  "assignments.listForClass": { allowed: STAFF, input: classId },
  "assignments.review": {
    allowed: STAFF,
    input: async (w, org) => ({ attemptId: (await freshAttempt(w, org)).attemptId }),
  },
  "assignments.gradeAnswer": {
    allowed: STAFF,
    input: async (w, org) => ({ ...(await freshSubmittedAttempt(w, org)), points: 1, reason: "Right idea" }),
  },
  "assignments.setFeedback": {
    allowed: STAFF,
    input: async (w, org) => ({ attemptId: (await freshSubmittedAttempt(w, org)).attemptId, feedback: "Well done" }),
  },
  "assignments.mine": { allowed: ["STUDENT"], input: () => undefined },
  "assignments.myGrades": { allowed: ["STUDENT"], input: () => undefined },
  "gradebook.forClass": { allowed: STAFF, input: classId },
  "gradebook.csv": { allowed: STAFF, input: classId },
  "gradebook.student": {
    allowed: STAFF,
    input: async (w, org) => ({
      classId: (await freshClass(w, org, { enroll: true })).id,
      studentId: w.users[org].STUDENT.id,
    }),
  },
  "gradebook.children": { allowed: ["PARENT"], input: () => undefined },
  "home.teacher": { allowed: ["TEACHER"], input: () => undefined },
  "home.student": { allowed: ["STUDENT"], input: () => undefined },
  "assignments.openLesson": {
    allowed: ["STUDENT"],
    input: async (w, org) => ({ assignmentId: (await freshAssignment(w, org, "LESSON")).assignmentId }),
  },
  "assignments.completeSection": {
    allowed: ["STUDENT"],
    input: async (w, org) => ({
      assignmentId: (await freshAssignment(w, org, "LESSON")).assignmentId,
      sectionId: "s1",
    }),
  },
  "assignments.startAttempt": {
    allowed: ["STUDENT"],
    input: async (w, org) => ({ assignmentId: (await freshAssignment(w, org, "QUIZ")).assignmentId }),
  },
  "assignments.saveResponses": {
    allowed: ["STUDENT"],
    input: async (w, org) => {
      const { attemptId, questionId } = await freshAttempt(w, org);
      return { attemptId, responses: { [questionId]: { value: true } } };
    },
  },
  "assignments.submitAttempt": {
    allowed: ["STUDENT"],
    input: async (w, org) => ({ attemptId: (await freshAttempt(w, org)).attemptId }),
  },
  "assignments.attempt": {
    allowed: ["STUDENT"],
    input: async (w, org) => ({ attemptId: (await freshAttempt(w, org)).attemptId }),
  },
  "assignments.myAttempts": {
    allowed: ["STUDENT"],
    input: async (w, org) => ({ assignmentId: (await freshAssignment(w, org, "QUIZ")).assignmentId }),
  },
  "assignments.newGradeCount": { allowed: ["STUDENT"], input: () => undefined },
  "assignments.markResultSeen": {
    allowed: ["STUDENT"],
    input: async (w, org) => ({ attemptId: (await freshAttempt(w, org)).attemptId }),
  },
  "content.list": { allowed: STAFF, input: () => ({}) },
  "content.get": { allowed: STAFF, input: contentId },
  "content.create": {
    allowed: STAFF,
    input: () => ({
      type: "LESSON",
      title: "New lesson",
      subject: "Science",
      gradeLevel: "7",
      body: { sections: [{ id: "s1", heading: "Intro", markdown: "Hello" }] },
    }),
  },
  "content.update": {
    allowed: STAFF,
    input: async (w, org) => ({
      ...(await contentId(w, org)),
      expectedVersion: 1,
      title: "Edited",
      subject: "Science",
      gradeLevel: "7",
      body: { sections: [{ id: "s1", heading: "Intro", markdown: "Edited" }] },
    }),
  },
  "content.publish": { allowed: STAFF, input: contentId },
  "content.unpublish": { allowed: STAFF, input: contentId },
  "content.duplicate": { allowed: STAFF, input: contentId },
  "content.delete": { allowed: STAFF, input: contentId },
  "content.restore": {
    allowed: STAFF,
    input: async (w, org) => ({ contentId: (await freshContent(w, org, { deletedAt: new Date() })).id }),
  },
  "content.listVersions": { allowed: STAFF, input: contentId },
  "content.restoreVersion": {
    allowed: STAFF,
    input: async (w, org) => ({ contentId: (await freshContent(w, org, { version: 2 })).id, version: 1 }),
  },
  "questions.list": { allowed: ["TEACHER", "ADMIN"], input: () => ({}) },
  "questions.get": { allowed: ["TEACHER", "ADMIN"], input: questionId },
  "questions.create": {
    allowed: ["TEACHER", "ADMIN"],
    input: () => ({ type: "TRUE_FALSE", prompt: "Water boils at 100 °C at sea level", answer: { value: true } }),
  },
  "questions.update": {
    allowed: ["TEACHER", "ADMIN"],
    input: async (w, org) => ({
      ...(await questionId(w, org)),
      type: "TRUE_FALSE",
      prompt: "Edited",
      answer: { value: false },
    }),
  },
  "questions.remove": { allowed: ["TEACHER", "ADMIN"], input: questionId },
  "questions.share": {
    allowed: ["TEACHER", "ADMIN"],
    input: async (w, org) => ({ ...(await questionId(w, org)), access: "VIEW" }),
  },
  "questions.quizQuestions": {
    allowed: ["TEACHER", "ADMIN"],
    input: async (w, org) => ({ quizId: await freshQuiz(w, org) }),
  },
  "questions.setQuizQuestions": {
    allowed: ["TEACHER", "ADMIN"],
    input: async (w, org) => ({ quizId: await freshQuiz(w, org), questionIds: [await freshQuestion(w, org)] }),
  },
  "messages.threads": { allowed: ["TEACHER", "STUDENT", "ADMIN", "PARENT"], input: () => undefined },
  "messages.thread": { allowed: ["TEACHER", "STUDENT", "ADMIN", "PARENT"], input: freshThread },
  "messages.startThread": {
    allowed: ["TEACHER", "STUDENT", "ADMIN", "PARENT"],
    // To the org's student in a class they share with the teacher: the student (writing to
    // themselves) gets BAD_REQUEST, which is not an authorization refusal.
    input: async (w, org) => ({
      recipientId: w.users[org].STUDENT.id,
      classId: (await freshClass(w, org, { enroll: true })).id,
      subject: "Hello",
      body: "A message",
    }),
  },
  "messages.announce": {
    allowed: STAFF,
    input: async (w, org) => ({
      classId: (await freshClass(w, org, { enroll: true })).id,
      subject: "News",
      body: "An announcement",
    }),
  },
  "messages.reply": {
    allowed: ["TEACHER", "STUDENT", "ADMIN", "PARENT"],
    input: async (w, org) => ({ ...(await freshThread(w, org)), body: "A reply" }),
  },
  "messages.unreadCount": { allowed: ["TEACHER", "STUDENT", "ADMIN", "PARENT"], input: () => undefined },
  "messages.recipients": { allowed: ["TEACHER", "STUDENT", "ADMIN", "PARENT"], input: () => undefined },
  // COPPA consent: the parent acts for a linked child (the matrix's parent is linked to no one
  // yet, so grant and revoke answer NOT_FOUND), the student reads their own, admins see all.
  "consent.mine": { allowed: ["PARENT"], input: () => undefined },
  "consent.grant": { allowed: ["PARENT"], input: (w, org) => ({ studentId: w.users[org].STUDENT.id }) },
  "consent.revoke": { allowed: ["PARENT"], input: (w, org) => ({ studentId: w.users[org].STUDENT.id }) },
  "consent.myStatus": { allowed: ["STUDENT"], input: () => undefined },
  "consent.list": { allowed: ["ADMIN"], input: () => ({}) },
  "consent.setBirthDate": {
    allowed: ["ADMIN"],
    input: async (w, org) => ({ userId: await freshUser(w, org), birthDate: "2015-05-05" }),
  },
  // Data exports: every role may call them and the service decides (an admin for anyone, anyone for
  // themself, a parent for a linked child; seeing an export takes the same right, now). The fixture
  // is the student's built export asked for by the admin: the admin and the student see it, the
  // matrix's unlinked parent and the teacher are answered NOT_FOUND (the service's answer, not a
  // refusal of the procedure). The tenant sweep gives each role an export about themself.
  ...(() => {
    const builtExport = (w: World, org: "a" | "b") => freshExport(w, org);
    const entries: Record<string, Entry> = {
      "dataExports.request": {
        allowed: ALL,
        input: (w, org, role) => ({ subjectId: w.users[org][role ?? "ADMIN"].id }),
      },
      "dataExports.get": { allowed: ALL, input: builtExport },
      "dataExports.list": {
        allowed: ALL,
        input: async (w, org) => {
          await builtExport(w, org);
          return {};
        },
      },
      "dataExports.link": { allowed: ALL, input: builtExport },
      "dataExports.download": {
        allowed: ALL,
        input: async (w, org) => {
          const link = await w.caller(await w.actor(org, "ADMIN")).dataExports.link(await builtExport(w, org));
          return { token: decodeURIComponent(link.url.split("/").pop() ?? "") };
        },
      },
    };
    return entries;
  })(),
  "agents.generate": {
    allowed: STAFF,
    input: () => ({ topic: "Photosynthesis", subject: "Science", gradeLevel: "7", parts: ["lesson"] }),
  },
  "agents.list": { allowed: STAFF, input: () => ({}) },
  "agents.get": { allowed: STAFF, input: (w, org) => freshTask(w, org) },
  "agents.cancel": { allowed: STAFF, input: (w, org) => freshTask(w, org) },
  "agents.retry": { allowed: STAFF, input: (w, org) => freshTask(w, org, "FAILED") },
  "agents.status": { allowed: STAFF, input: () => undefined },
  "agents.standardsCatalog": { allowed: STAFF, input: () => undefined },
  // The AI page: usage has a task with a model call to count, the console a task to list.
  "aiAdmin.usage": {
    allowed: ["ADMIN"],
    input: async (w, org) => {
      const { taskId } = await freshTask(w, org);
      await w.scoped(org).agentExecution.create({
        data: {
          organizationId: w.orgs[org],
          taskId,
          step: "supervisor",
          agent: "supervisor",
          input: {},
          provider: "offline",
          model: "offline-drafts-v1",
          promptTokens: 10,
          completionTokens: 5,
          calls: 1,
        },
      });
      return { days: 7 };
    },
  },
  "aiAdmin.tasks": {
    allowed: ["ADMIN"],
    input: async (w, org) => {
      await freshTask(w, org);
      return { status: "all" };
    },
  },
  "aiAdmin.breakers": { allowed: ["ADMIN"], input: () => undefined },
  "roblox.environments": { allowed: STAFF, input: () => ({}) },
  "roblox.environment": { allowed: STAFF, input: freshEnvironment },
  "roblox.rojo": { allowed: STAFF, input: freshEnvironment },
  "health.check": { allowed: ALL, public: true, input: () => undefined },
  "apiKeys.list": { allowed: STAFF, input: () => undefined },
  "apiKeys.create": { allowed: STAFF, input: () => ({ name: "Matrix key", scopes: ["content:read"] }) },
  // Only a key's owner rotates it: the key is the caller's own (the teacher's for other roles).
  "apiKeys.rotate": {
    allowed: STAFF,
    input: async (w, org, role) => ({
      ...(await freshApiKey(w, org, role === "ADMIN" ? "ADMIN" : "TEACHER")),
      grace: "1h",
    }),
  },
  "apiKeys.revoke": { allowed: STAFF, input: async (w, org) => ({ ...(await freshApiKey(w, org)), reason: "Matrix" }) },
  "apiKeys.usage": { allowed: STAFF, input: (w, org) => freshApiKey(w, org) },
  "metrics.dashboard": { allowed: STAFF, input: () => ({ force_refresh: true }) },
  "metrics.activity": { allowed: STAFF, input: () => undefined },
  "metrics.statistics": { allowed: STAFF, input: () => ({ period: "week" }) },
  "metrics.export": { allowed: STAFF, input: () => ({ format: "json", date_range: "7d" }) },
  "metrics.invalidateCache": { allowed: ["ADMIN"], input: () => undefined },
  "organization.get": { allowed: ["ADMIN"], input: () => undefined },
  "organization.update": { allowed: ["ADMIN"], input: () => ({ gradeDisplay: "PERCENT" }) },
  "organization.retentionPreview": { allowed: ["ADMIN"], input: () => undefined },
  "organization.retentionRun": { allowed: ["ADMIN"], input: () => undefined },
  "system.status": { allowed: ["ADMIN"], input: () => undefined },
  "system.clearMetricsCache": { allowed: ["ADMIN"], input: () => undefined },
  "analytics.trend": { allowed: STAFF, input: () => ({ metric: "daily_active_users", date_range: "7d" }) },
  "analytics.cohorts": { allowed: STAFF, input: () => ({ weeks: 4 }) },
  "analytics.export": { allowed: STAFF, input: () => ({ format: "csv", date_range: "7d" }) },
  "analytics.classAnalytics": { allowed: STAFF, input: classId },
  "analytics.classExport": {
    allowed: STAFF,
    input: async (w, org) => ({ ...(await classId(w, org)), format: "json", date_range: "7d" }),
  },
  // audit: the organization's log, admins only (the list reads a row the input writes).
  "audit.list": {
    allowed: ["ADMIN"],
    input: async (w, org) => {
      await w.scoped(org).auditLog.create({
        data: { organizationId: w.orgs[org], actorId: w.users[org].ADMIN.id, action: "matrix.audited" },
      });
      return { action: "matrix.audited" };
    },
  },
  "audit.export": { allowed: ["ADMIN"], input: () => ({ action: "matrix.audited" }) },
  "audit.filters": { allowed: ["ADMIN"], input: () => undefined },
  "audit.people": { allowed: ["ADMIN"], input: () => ({ search: "" }) },
  // The assistants: every role has conversations of its own (the service decides which assistant
  // it gets, and refuses a parent); a teacher and an admin read a class's tutor conversations.
  // The subscriptions are checked when they are opened, before any event (nothing streams here).
  "assistant.conversations": { allowed: ALL, input: () => ({}) },
  "assistant.conversation": {
    allowed: ALL,
    input: async (w, org, role) => ({ conversationId: (await freshConversation(w, org, role)).conversationId }),
  },
  "assistant.rename": {
    allowed: ALL,
    input: async (w, org, role) => ({
      conversationId: (await freshConversation(w, org, role)).conversationId,
      title: "Renamed",
    }),
  },
  "assistant.delete": {
    allowed: ALL,
    input: async (w, org, role) => ({ conversationId: (await freshConversation(w, org, role)).conversationId }),
  },
  "assistant.tutorConversations": { allowed: STAFF, input: classId },
  "assistant.send": { allowed: ALL, input: () => ({ content: "Hello" }) },
  "assistant.regenerate": {
    allowed: ALL,
    input: async (w, org, role) => ({ conversationId: (await freshConversation(w, org, role)).conversationId }),
  },
  "assistant.stop": {
    allowed: ALL,
    input: async (w, org, role) => ({ messageId: (await freshConversation(w, org, role)).messageId }),
  },
};

// At run time tRPC keeps a flat map of dotted paths to procedures (its type is the nested router shape).
const procedureDefs = appRouter._def.procedures as unknown as Record<string, { _def: { type: string } }>;
const procedures = Object.keys(procedureDefs).sort();

type Callable = (input: unknown) => Promise<unknown>;
function procedureOf(caller: unknown, path: string): Callable {
  return path.split(".").reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], caller) as Callable;
}

async function outcome(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return "OK";
  } catch (e) {
    if (e instanceof TRPCError) return e.code;
    throw e;
  }
}

/**
 * What an allowed role may get: a success, or a domain refusal the entry's input provokes on
 * purpose (a wrong password, writing to oneself, a duplicate). Never an internal error, and never
 * an authorization refusal.
 */
const ALLOWED_OUTCOMES = ["OK", "NOT_FOUND", "BAD_REQUEST", "CONFLICT"];

let w: World;
beforeAll(async () => {
  w = await createWorld();
});
afterAll(() => w.t.close());

describe("authorization matrix", () => {
  it("has exactly one entry per procedure of the app router", () => {
    expect(Object.keys(matrix).sort()).toEqual(procedures);
  });

  describe.each(procedures)("%s", (path) => {
    const entry = matrix[path] as Entry;

    it(entry.public ? "answers anonymous callers" : "refuses anonymous callers with UNAUTHORIZED", async () => {
      const call = procedureOf(w.caller(null), path);
      const result = await outcome(call(await entry.input(w, "a")));
      if (entry.public) expect(ALLOWED_OUTCOMES).toContain(result);
      else expect(result).toBe("UNAUTHORIZED");
    });

    it.each(ROLES)("as %s", async (role) => {
      const call = procedureOf(w.caller(await w.actor("a", role)), path);
      const result = await outcome(call(await entry.input(w, "a", role)));
      if (entry.allowed.includes(role)) {
        expect(ALLOWED_OUTCOMES).toContain(result);
      } else {
        expect(result).toBe("FORBIDDEN");
      }
    });
  });
});

/** Every id (and user email and name) of `org`'s rows, read with the unscoped client. */
async function rowKeysOf(w: World, org: "a" | "b"): Promise<Set<string>> {
  const organizationId = w.orgs[org];
  const keys = new Set<string>([organizationId]);
  type Row = { id: string; email?: string; name?: string };
  const db = w.t.db as unknown as Record<string, { findMany(args: object): Promise<Row[]> }>;
  for (const model of TENANT_MODELS) {
    const delegate = db[model.charAt(0).toLowerCase() + model.slice(1)];
    if (!delegate) throw new Error(`no Prisma delegate for ${model}`);
    for (const row of await delegate.findMany({ where: { organizationId } })) {
      keys.add(row.id);
      if (model === "User" && row.email && row.name) keys.add(row.email).add(row.name);
    }
  }
  return keys;
}

/** Every string anywhere in a procedure's output (and each cell of a CSV text). */
function stringsIn(value: unknown, out: Set<string> = new Set()): Set<string> {
  if (typeof value === "string") {
    out.add(value);
    if (value.includes("\n")) for (const cell of value.split(/[\n,]/)) out.add(cell.trim().replace(/^"|"$/g, ""));
  } else if (Array.isArray(value)) for (const v of value) stringsIn(v, out);
  else if (value && typeof value === "object") for (const v of Object.values(value)) stringsIn(v, out);
  return out;
}

/** Queries whose answer is not made of rows (a count, the agents' status, the built-in catalog). */
const NOT_ROWS = new Set([
  "messages.unreadCount",
  "assignments.newGradeCount",
  "agents.status",
  "agents.standardsCatalog",
  // The processes that run tasks, not rows.
  "aiAdmin.breakers",
  "passwordReset.status",
  "health.check",
  // Counts and cutoffs; the System page's report of this instance.
  "organization.retentionPreview",
  "system.status",
  // Numbers per day and week; the export's rows are numbers too (its name carries the slug, not an id).
  "analytics.trend",
  "analytics.cohorts",
  "analytics.export",
  "analytics.classExport",
]);

/** Inputs that make a query answer with rows where the matrix's input may find none. */
const ROWS_INPUT: Partial<Record<string, Input>> = {
  "roblox.environments": async (w, org) => {
    await freshEnvironment(w, org);
    return {};
  },
  // Every user of the organization signed in somewhere, so each role has a session to list.
  "me.sessions": async (w, org) => {
    const expiresAt = new Date(Date.now() + 3_600_000);
    for (const role of ROLES) {
      await w.scoped(org).session.create({
        data: { organizationId: w.orgs[org], userId: w.users[org][role].id, expiresAt },
      });
    }
    return undefined;
  },
  "content.listVersions": async (w, org) => ({ contentId: (await freshContent(w, org, { version: 2 })).id }),
  "gradebook.csv": async (w, org) => ({ classId: (await freshAssignment(w, org, "LESSON")).classId }),
  "questions.quizQuestions": async (w, org) => ({ quizId: (await freshAssignment(w, org, "QUIZ")).contentId }),
  "assignments.listForClass": async (w, org) => ({ classId: (await freshAssignment(w, org, "LESSON")).classId }),
  // A quiz the student submitted: recent work on the teacher's home, a new grade on the student's.
  "home.teacher": async (w, org) => submittedAttempt(w, org),
  "home.student": async (w, org) => submittedAttempt(w, org),
  // A key of the teacher's: the admin lists every key of the school, the teacher their own.
  "apiKeys.list": async (w, org) => {
    await freshApiKey(w, org);
    return undefined;
  },
  // Each role sees an export about themself (an export is seen only with the right to ask for it).
  "dataExports.get": (w, org, role) => freshExport(w, org, role),
  "dataExports.list": async (w, org, role) => {
    await freshExport(w, org, role);
    return {};
  },
  "assistant.conversations": async (w, org, role) => {
    await freshConversation(w, org, role);
    return {};
  },
  "assistant.tutorConversations": async (w, org) => ({
    classId: (await freshConversation(w, org, "STUDENT", "TUTOR")).classId,
  }),
  "assignments.myAttempts": async (w, org) => {
    const { attemptId } = await freshAttempt(w, org);
    const { assignmentId } = await w.scoped(org).attempt.findFirstOrThrow({ where: { id: attemptId } });
    return { assignmentId };
  },
};

describe("tenant isolation", () => {
  const queries = () => procedures.filter((p) => procedureDefs[p]?._def.type === "query");

  beforeAll(async () => {
    // Both organizations hold one of everything, so a leak has something to leak and every
    // query of the organization under test has rows of its own to return.
    for (const org of ["a", "b"] as const) {
      await freshAssignment(w, org, "LESSON");
      await freshAttempt(w, org);
      await freshThread(w, org);
      await freshTask(w, org);
      await freshContent(w, org);
      await freshQuestion(w, org);
      await w.scoped(org).parentStudentLink.create({
        data: { organizationId: w.orgs[org], parentId: w.users[org].PARENT.id, studentId: w.users[org].STUDENT.id },
      });
    }
  });

  it.each(ROLES)("every query %s may call returns rows of its own organization and none of another's", async (role) => {
    const caller = w.caller(await w.actor("b", role));
    const others = await rowKeysOf(w, "a");
    const allowed = queries().filter((p) => (matrix[p] as Entry).allowed.includes(role));
    expect(allowed.length).toBeGreaterThan(0);
    const problems: string[] = [];
    for (const path of allowed) {
      const input = ROWS_INPUT[path] ?? (matrix[path] as Entry).input;
      // No catch: a query that throws fails the test instead of counting as "nothing leaked".
      const output = await procedureOf(caller, path)(await input(w, "b", role));
      const strings = [...stringsIn(output)];
      const leaked = strings.filter((s) => others.has(s));
      if (leaked.length > 0) problems.push(`${path} returned another organization's rows: ${leaked.join(", ")}`);
      if (!NOT_ROWS.has(path)) {
        // Read after the call: the input may have just created the rows it reads.
        const own = await rowKeysOf(w, "b");
        if (!strings.some((s) => own.has(s))) problems.push(`${path} returned no rows of its own organization`);
      }
    }
    expect(problems, `as ${role}`).toEqual([]);
  });

  it.each([
    "users.update",
    "users.delete",
    "users.createResetLink",
    "users.changeRole",
    "users.deactivate",
    "users.reactivate",
    "classes.get",
    "classes.update",
    "classes.archive",
    "classes.regenerateCode",
    "classes.addStudent",
    "classes.removeStudent",
    "assignments.create",
    "assignments.listForClass",
    "assignments.update",
    "assignments.extendDueDate",
    "assignments.unassign",
    "assignments.review",
    "assignments.gradeAnswer",
    "assignments.setFeedback",
    "gradebook.forClass",
    "gradebook.csv",
    "messages.thread",
    "messages.startThread",
    "messages.announce",
    "messages.reply",
    "agents.get",
    "agents.cancel",
    "agents.retry",
    "roblox.rojo",
    "apiKeys.rotate",
    "apiKeys.revoke",
    "apiKeys.usage",
    "analytics.classAnalytics",
    "analytics.classExport",
    "assistant.conversation",
    "assistant.rename",
    "assistant.delete",
    "assistant.tutorConversations",
    "assistant.stop",
  ])("%s on another organization's user is NOT_FOUND", async (path) => {
    const call = procedureOf(w.caller(await w.actor("b", "ADMIN")), path);
    expect(await outcome(call(await (matrix[path] as Entry).input(w, "a")))).toBe("NOT_FOUND");
  });
});
