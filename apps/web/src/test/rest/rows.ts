// Fresh rows for the REST suites, written straight to one organization's scoped client (the same
// shapes the authorization matrix in @toolboxai/api uses), so each case acts on rows of its own
// and what one case changes never decides the next.
import type { World } from "@toolboxai/api/testing";
import { generateJoinCode } from "@toolboxai/core";

export type Org = "a" | "b";

let counter = 0;
export const next = () => ++counter;

export async function freshUser(w: World, org: Org, role: "STUDENT" | "PARENT" = "STUDENT") {
  const n = next();
  const u = await w.scoped(org).user.create({
    data: {
      organizationId: w.orgs[org],
      email: `rest-target${n}@${org}.test`,
      name: `Target ${n}`,
      role,
      passwordHash: "x",
    },
  });
  return u.id;
}

export async function freshClass(w: World, org: Org, opts: { enroll?: boolean } = {}) {
  const db = w.scoped(org);
  const c = await db.class.create({
    data: {
      organizationId: w.orgs[org],
      teacherId: w.users[org].TEACHER.id,
      name: `Class ${next()}`,
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

const LESSON_BODY = { sections: [{ id: "s1", heading: "Intro", markdown: "Hello", media: [] }] };

export async function freshContent(w: World, org: Org, data: { deletedAt?: Date; version?: number } = {}) {
  const item = await w.scoped(org).contentItem.create({
    data: {
      organizationId: w.orgs[org],
      authorId: w.users[org].TEACHER.id,
      type: "LESSON",
      title: `REST lesson ${next()}`,
      subject: "Science",
      gradeLevel: "7",
      body: LESSON_BODY,
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
        body: LESSON_BODY,
      },
    });
  }
  return item;
}

export async function freshQuestion(w: World, org: Org) {
  const q = await w.scoped(org).question.create({
    data: {
      organizationId: w.orgs[org],
      ownerId: w.users[org].TEACHER.id,
      type: "TRUE_FALSE",
      prompt: "REST question",
      answer: { value: true },
    },
  });
  return q.id;
}

export async function freshQuiz(w: World, org: Org) {
  const quiz = await w.scoped(org).contentItem.create({
    data: {
      organizationId: w.orgs[org],
      authorId: w.users[org].TEACHER.id,
      type: "QUIZ",
      title: `REST quiz ${next()}`,
      subject: "Science",
      gradeLevel: "7",
      body: { instructions: "", draw: null },
    },
  });
  return quiz.id;
}

export async function freshEnvironment(w: World, org: Org) {
  const at = { x: 0, y: 0, z: 0 };
  const body = {
    terrain: {
      name: "REST island",
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
      title: `REST environment ${next()}`,
      subject: "Science",
      gradeLevel: "7",
      body,
    },
  });
  return item.id;
}

/** A published lesson or one-question quiz assigned to a fresh class with the org's student enrolled. */
export async function freshAssignment(w: World, org: Org, type: "LESSON" | "QUIZ") {
  const db = w.scoped(org);
  const organizationId = w.orgs[org];
  const cls = await freshClass(w, org, { enroll: true });
  const content = await db.contentItem.create({
    data: {
      organizationId,
      authorId: w.users[org].TEACHER.id,
      type,
      title: `${type} ${next()}`,
      subject: "Science",
      gradeLevel: "7",
      body: type === "LESSON" ? LESSON_BODY : { instructions: "", draw: null },
      status: "PUBLISHED",
    },
  });
  let questionId: string | null = null;
  if (type === "QUIZ") {
    const question = await db.question.create({
      data: {
        organizationId,
        ownerId: w.users[org].TEACHER.id,
        type: "TRUE_FALSE",
        prompt: "True?",
        answer: { value: true },
      },
    });
    questionId = question.id;
    await db.quizQuestion.create({ data: { organizationId, quizId: content.id, questionId, position: 0 } });
  }
  const assignment = await db.assignment.create({
    data: { organizationId, classId: cls.id, contentId: content.id, assignedById: w.users[org].TEACHER.id },
  });
  return { assignmentId: assignment.id, classId: cls.id, contentId: content.id, questionId };
}

/** An in-progress attempt of the org's student on a fresh quiz assignment. */
export async function freshAttempt(w: World, org: Org) {
  const { assignmentId, questionId } = await freshAssignment(w, org, "QUIZ");
  const attempt = await w.scoped(org).attempt.create({
    data: {
      organizationId: w.orgs[org],
      assignmentId,
      studentId: w.users[org].STUDENT.id,
      number: 1,
      questionIds: [questionId as string],
    },
  });
  return { attemptId: attempt.id, questionId: questionId as string };
}

/** A submitted attempt with one wrong answer, for the grading operations. */
export async function freshSubmittedAttempt(w: World, org: Org) {
  const { attemptId, questionId } = await freshAttempt(w, org);
  const db = w.scoped(org);
  await db.attempt.update({
    where: { id: attemptId },
    data: { status: "SUBMITTED", submittedAt: new Date(), score: 0, maxScore: 1 },
  });
  await db.attemptAnswer.create({
    data: { organizationId: w.orgs[org], attemptId, questionId, response: {}, correct: false, points: 0, maxPoints: 1 },
  });
  return { attemptId, questionId };
}

/** A direct thread in a fresh class with the org's teacher, student, admin and parent all taking part. */
export async function freshThread(w: World, org: Org) {
  const cls = await freshClass(w, org, { enroll: true });
  const organizationId = w.orgs[org];
  const thread = await w.scoped(org).messageThread.create({
    data: {
      organizationId,
      kind: "DIRECT",
      classId: cls.id,
      subject: "REST thread",
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
  return thread.id;
}

/** A generation task asked for by the organization's teacher (not queued: nothing runs it). */
export async function freshTask(w: World, org: Org, status: "QUEUED" | "FAILED" = "QUEUED") {
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
  return task.id;
}

/** A key row of the organization's teacher (no usable secret: for the key-management operations). */
export async function freshApiKey(w: World, org: Org) {
  const n = next();
  const key = await w.scoped(org).apiKey.create({
    data: {
      organizationId: w.orgs[org],
      userId: w.users[org].TEACHER.id,
      name: `REST key ${n}`,
      keyHash: `rest-${org}-${n}-${Math.random()}`,
      prefix: "tbx_live_Rest",
      scopes: ["content:read"],
    },
  });
  return key.id;
}
