// One case per operation of the document: which roles may call it, and a valid input (procedure
// shaped: path parameters, query and body in one object) built on fresh rows of the organization
// asked for. Given org "b" the same input names another organization's rows, which an org "a"
// caller must get 404 for. The suites fail for an operation of the document missing here.
import { PASSWORD, type World } from "@toolboxai/api/testing";
import type { Role } from "@toolboxai/db";
import { sendRaw } from "./client";
import {
  freshApiKey,
  freshAssignment,
  freshAttempt,
  freshClass,
  freshContent,
  freshEnvironment,
  freshQuestion,
  freshQuiz,
  freshSubmittedAttempt,
  freshTask,
  freshThread,
  freshUser,
  next,
  type Org,
} from "./rows";

export type Input = Record<string, unknown> | undefined;

export interface Case {
  allowed: readonly Role[];
  input: (w: World, org: Org) => Promise<Input> | Input;
}

const ALL: readonly Role[] = ["ADMIN", "TEACHER", "STUDENT", "PARENT"];
const STAFF: readonly Role[] = ["TEACHER", "ADMIN"];
const STUDENT: readonly Role[] = ["STUDENT"];
const ADMIN: readonly Role[] = ["ADMIN"];

const classId = async (w: World, org: Org) => ({ classId: (await freshClass(w, org)).id });
const contentId = async (w: World, org: Org) => ({ contentId: (await freshContent(w, org)).id });
const questionId = async (w: World, org: Org) => ({ questionId: await freshQuestion(w, org) });

/** A refresh token of the org's parent, from the real token grant. */
async function refreshToken(w: World, org: Org): Promise<string> {
  const res = await sendRaw({
    method: "POST",
    path: "/auth/token",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email: w.users[org].PARENT.email, password: PASSWORD }),
  });
  const grant = res.json as { refreshToken?: string };
  if (!grant.refreshToken) throw new Error(`no refresh token: ${res.status} ${res.text}`);
  return grant.refreshToken;
}

const LESSON = {
  type: "LESSON",
  title: "New lesson",
  subject: "Science",
  gradeLevel: "7",
  body: { sections: [{ id: "s1", heading: "Intro", markdown: "Hello", media: [] }] },
};

export const CASES: Record<string, Case> = {
  // --- users (me) ---
  "GET /me": { allowed: ALL, input: () => undefined },

  // --- classes ---
  "GET /classes": { allowed: ["TEACHER", "ADMIN", "STUDENT"], input: () => ({}) },
  "POST /classes": { allowed: STAFF, input: () => ({ name: "Biology 7", subject: "Science", gradeLevel: "7" }) },
  "GET /classes/{classId}": {
    allowed: ["TEACHER", "ADMIN", "STUDENT"],
    input: async (w, org) => ({ classId: (await freshClass(w, org, { enroll: true })).id }),
  },
  "PUT /classes/{classId}": {
    allowed: STAFF,
    input: async (w, org) => ({ ...(await classId(w, org)), name: "Renamed", subject: "Science", gradeLevel: "8" }),
  },
  "POST /classes/{classId}/archive": { allowed: STAFF, input: classId },
  "POST /classes/{classId}/unarchive": { allowed: STAFF, input: classId },
  "POST /classes/{classId}/join-code": { allowed: STAFF, input: classId },
  "POST /classes/join": { allowed: STUDENT, input: async (w, org) => ({ code: (await freshClass(w, org)).joinCode }) },
  "POST /classes/{classId}/students": {
    allowed: STAFF,
    input: async (w, org) => ({ ...(await classId(w, org)), studentId: w.users[org].STUDENT.id }),
  },
  "DELETE /classes/{classId}/students/{studentId}": {
    allowed: STAFF,
    input: async (w, org) => ({
      classId: (await freshClass(w, org, { enroll: true })).id,
      studentId: w.users[org].STUDENT.id,
    }),
  },
  "GET /classes/{classId}/available-students": { allowed: STAFF, input: classId },

  // --- assignments ---
  "POST /assignments": {
    allowed: STAFF,
    input: async (w, org) => {
      const { contentId } = await freshAssignment(w, org, "LESSON");
      return { classId: (await freshClass(w, org)).id, contentId };
    },
  },
  "PATCH /assignments/{assignmentId}": {
    allowed: STAFF,
    input: async (w, org) => ({ assignmentId: (await freshAssignment(w, org, "QUIZ")).assignmentId, maxAttempts: 3 }),
  },
  "DELETE /assignments/{assignmentId}": {
    allowed: STAFF,
    input: async (w, org) => ({ assignmentId: (await freshAssignment(w, org, "LESSON")).assignmentId }),
  },
  "PUT /assignments/{assignmentId}/extensions/{studentId}": {
    allowed: STAFF,
    input: async (w, org) => ({
      assignmentId: (await freshAssignment(w, org, "LESSON")).assignmentId,
      studentId: w.users[org].STUDENT.id,
      dueAt: new Date(Date.now() + 86_400_000),
    }),
  },
  "GET /classes/{classId}/assignments": { allowed: STAFF, input: classId },
  "GET /me/assignments": { allowed: STUDENT, input: () => undefined },
  "POST /assignments/{assignmentId}/lesson": {
    allowed: STUDENT,
    input: async (w, org) => ({ assignmentId: (await freshAssignment(w, org, "LESSON")).assignmentId }),
  },
  "POST /assignments/{assignmentId}/sections/{sectionId}/complete": {
    allowed: STUDENT,
    input: async (w, org) => ({
      assignmentId: (await freshAssignment(w, org, "LESSON")).assignmentId,
      sectionId: "s1",
    }),
  },

  // --- attempts ---
  "GET /attempts/{attemptId}/review": {
    allowed: STAFF,
    input: async (w, org) => ({ attemptId: (await freshAttempt(w, org)).attemptId }),
  },
  "PUT /attempts/{attemptId}/answers/{questionId}": {
    allowed: STAFF,
    input: async (w, org) => ({ ...(await freshSubmittedAttempt(w, org)), points: 1, reason: "Right idea" }),
  },
  "PUT /attempts/{attemptId}/feedback": {
    allowed: STAFF,
    input: async (w, org) => ({ attemptId: (await freshSubmittedAttempt(w, org)).attemptId, feedback: "Well done" }),
  },
  "GET /me/grades": { allowed: STUDENT, input: () => undefined },
  "POST /assignments/{assignmentId}/attempts": {
    allowed: STUDENT,
    input: async (w, org) => ({ assignmentId: (await freshAssignment(w, org, "QUIZ")).assignmentId }),
  },
  "GET /assignments/{assignmentId}/attempts": {
    allowed: STUDENT,
    input: async (w, org) => ({ assignmentId: (await freshAssignment(w, org, "QUIZ")).assignmentId }),
  },
  "PUT /attempts/{attemptId}/responses": {
    allowed: STUDENT,
    input: async (w, org) => {
      const { attemptId, questionId } = await freshAttempt(w, org);
      return { attemptId, responses: { [questionId]: { value: true } } };
    },
  },
  "POST /attempts/{attemptId}/submit": {
    allowed: STUDENT,
    input: async (w, org) => ({ attemptId: (await freshAttempt(w, org)).attemptId }),
  },
  "GET /attempts/{attemptId}": {
    allowed: STUDENT,
    input: async (w, org) => ({ attemptId: (await freshAttempt(w, org)).attemptId }),
  },

  // --- gradebook ---
  "GET /classes/{classId}/gradebook": { allowed: STAFF, input: classId },
  "GET /classes/{classId}/students/{studentId}/gradebook": {
    allowed: STAFF,
    input: async (w, org) => ({
      classId: (await freshClass(w, org, { enroll: true })).id,
      studentId: w.users[org].STUDENT.id,
    }),
  },
  "GET /classes/{classId}/gradebook.csv": { allowed: STAFF, input: classId },

  // --- users ---
  "GET /users": { allowed: ADMIN, input: () => ({}) },
  "POST /users": {
    allowed: ADMIN,
    input: () => ({ name: "New Person", email: `rest-new${next()}@x.test`, role: "STUDENT" }),
  },
  "PUT /users/{userId}": {
    allowed: ADMIN,
    input: async (w, org) => ({
      userId: await freshUser(w, org),
      name: "Edited Name",
      email: `edited${next()}@x.test`,
    }),
  },
  "DELETE /users/{userId}": { allowed: ADMIN, input: async (w, org) => ({ userId: await freshUser(w, org) }) },
  "PUT /users/{userId}/role": {
    allowed: ADMIN,
    input: async (w, org) => ({ userId: await freshUser(w, org), role: "TEACHER" }),
  },
  "POST /users/{userId}/deactivate": { allowed: ADMIN, input: async (w, org) => ({ userId: await freshUser(w, org) }) },
  "POST /users/{userId}/reactivate": { allowed: ADMIN, input: async (w, org) => ({ userId: await freshUser(w, org) }) },
  "GET /users/{parentId}/children": { allowed: ADMIN, input: (w, org) => ({ parentId: w.users[org].PARENT.id }) },
  "POST /users/{parentId}/children": {
    allowed: ADMIN,
    input: async (w, org) => ({ parentId: w.users[org].PARENT.id, studentIds: [await freshUser(w, org)] }),
  },
  "DELETE /users/{parentId}/children/{studentId}": {
    allowed: ADMIN,
    input: async (w, org) => {
      const studentId = await freshUser(w, org);
      const parentId = w.users[org].PARENT.id;
      await w.scoped(org).parentStudentLink.create({ data: { organizationId: w.orgs[org], parentId, studentId } });
      return { parentId, studentId };
    },
  },

  // --- content ---
  "GET /content": { allowed: STAFF, input: () => ({}) },
  "POST /content": { allowed: STAFF, input: () => LESSON },
  "GET /content/{contentId}": { allowed: STAFF, input: contentId },
  "PUT /content/{contentId}": {
    allowed: STAFF,
    input: async (w, org) => ({
      ...(await contentId(w, org)),
      expectedVersion: 1,
      title: "Edited",
      subject: "Science",
      gradeLevel: "7",
      body: { sections: [{ id: "s1", heading: "Intro", markdown: "Edited", media: [] }] },
    }),
  },
  "DELETE /content/{contentId}": { allowed: STAFF, input: contentId },
  "POST /content/{contentId}/publish": { allowed: STAFF, input: contentId },
  "POST /content/{contentId}/unpublish": { allowed: STAFF, input: contentId },
  "POST /content/{contentId}/duplicate": { allowed: STAFF, input: contentId },
  "POST /content/{contentId}/restore": {
    allowed: STAFF,
    input: async (w, org) => ({ contentId: (await freshContent(w, org, { deletedAt: new Date() })).id }),
  },
  "GET /content/{contentId}/versions": { allowed: STAFF, input: contentId },
  "POST /content/{contentId}/versions/{version}/restore": {
    allowed: STAFF,
    input: async (w, org) => ({ contentId: (await freshContent(w, org, { version: 2 })).id, version: 1 }),
  },

  // --- questions ---
  "GET /questions": { allowed: STAFF, input: () => ({}) },
  "POST /questions": {
    allowed: STAFF,
    input: () => ({ type: "TRUE_FALSE", prompt: "Water boils at 100 °C at sea level", answer: { value: true } }),
  },
  "GET /questions/{questionId}": { allowed: STAFF, input: questionId },
  "PUT /questions/{questionId}": {
    allowed: STAFF,
    input: async (w, org) => ({
      ...(await questionId(w, org)),
      type: "TRUE_FALSE",
      prompt: "Edited",
      answer: { value: false },
    }),
  },
  "DELETE /questions/{questionId}": { allowed: STAFF, input: questionId },
  "PUT /questions/{questionId}/sharing": {
    allowed: STAFF,
    input: async (w, org) => ({ ...(await questionId(w, org)), access: "VIEW" }),
  },
  "GET /quizzes/{quizId}/questions": { allowed: STAFF, input: async (w, org) => ({ quizId: await freshQuiz(w, org) }) },
  "PUT /quizzes/{quizId}/questions": {
    allowed: STAFF,
    input: async (w, org) => ({ quizId: await freshQuiz(w, org), questionIds: [await freshQuestion(w, org)] }),
  },

  // --- messages ---
  "GET /messages/threads": { allowed: ALL, input: () => undefined },
  "POST /messages/threads": {
    allowed: ALL,
    input: async (w, org) => ({
      recipientId: w.users[org].STUDENT.id,
      classId: (await freshClass(w, org, { enroll: true })).id,
      subject: "Hello",
      body: "A message",
    }),
  },
  "GET /messages/threads/{threadId}": {
    allowed: ALL,
    input: async (w, org) => ({ threadId: await freshThread(w, org) }),
  },
  "POST /messages/announcements": {
    allowed: STAFF,
    input: async (w, org) => ({
      classId: (await freshClass(w, org, { enroll: true })).id,
      subject: "News",
      body: "An announcement",
    }),
  },
  "POST /messages/threads/{threadId}/replies": {
    allowed: ALL,
    input: async (w, org) => ({ threadId: await freshThread(w, org), body: "A reply" }),
  },
  "GET /messages/unread-count": { allowed: ALL, input: () => undefined },
  "GET /messages/recipients": { allowed: ALL, input: () => undefined },

  // --- agents ---
  "POST /content/generate": {
    allowed: STAFF,
    input: () => ({ topic: "Photosynthesis", subject: "Science", gradeLevel: "7", parts: ["lesson"] }),
  },
  "GET /agents/tasks": { allowed: STAFF, input: () => ({}) },
  "GET /agents/tasks/{taskId}": { allowed: STAFF, input: async (w, org) => ({ taskId: await freshTask(w, org) }) },
  "POST /agents/tasks/{taskId}/cancel": {
    allowed: STAFF,
    input: async (w, org) => ({ taskId: await freshTask(w, org) }),
  },
  "POST /agents/tasks/{taskId}/retry": {
    allowed: STAFF,
    input: async (w, org) => ({ taskId: await freshTask(w, org, "FAILED") }),
  },
  "GET /agents/standards": { allowed: STAFF, input: () => undefined },

  // --- roblox ---
  "GET /roblox/environments": {
    allowed: STAFF,
    input: async (w, org) => {
      await freshEnvironment(w, org);
      return {};
    },
  },
  "GET /roblox/environments/{environmentId}": {
    allowed: STAFF,
    input: async (w, org) => ({ environmentId: await freshEnvironment(w, org) }),
  },
  "GET /roblox/environments/{environmentId}/rojo": {
    allowed: STAFF,
    input: async (w, org) => ({ environmentId: await freshEnvironment(w, org) }),
  },

  // --- health ---
  "GET /health": { allowed: ALL, input: () => undefined },

  // --- api-keys ---
  "GET /api-keys": { allowed: STAFF, input: () => undefined },
  "POST /api-keys": { allowed: STAFF, input: () => ({ name: "REST key", scopes: ["content:read"] }) },
  "POST /api-keys/{keyId}/rotate": {
    allowed: STAFF,
    input: async (w, org) => ({ keyId: await freshApiKey(w, org), grace: "1h" }),
  },
  "POST /api-keys/{keyId}/revoke": {
    allowed: STAFF,
    input: async (w, org) => ({ keyId: await freshApiKey(w, org), reason: "No longer used" }),
  },
  "GET /api-keys/{keyId}/usage": { allowed: STAFF, input: async (w, org) => ({ keyId: await freshApiKey(w, org) }) },

  // --- metrics ---
  "GET /metrics/dashboard": { allowed: STAFF, input: () => ({ force_refresh: false }) },
  "GET /metrics/activity": { allowed: STAFF, input: () => undefined },
  "GET /metrics/statistics": { allowed: STAFF, input: () => ({ period: "week" }) },
  "POST /metrics/export": { allowed: STAFF, input: () => ({ format: "csv", date_range: "7d" }) },
  "POST /metrics/invalidate-cache": { allowed: ADMIN, input: () => undefined },

  // --- organization settings ---
  "GET /organization/settings": { allowed: ADMIN, input: () => undefined },
  "PUT /organization/settings": { allowed: ADMIN, input: () => ({ gradeDisplay: "PERCENT" }) },

  // --- analytics ---
  "GET /analytics/trends/{metric}": {
    allowed: STAFF,
    input: () => ({ metric: "daily_active_users", date_range: "7d" }),
  },
  "GET /analytics/cohorts": { allowed: STAFF, input: () => ({ weeks: 4 }) },
  "GET /analytics/export/{format}": { allowed: STAFF, input: () => ({ format: "csv", date_range: "7d" }) },
  "GET /classes/{classId}/analytics": {
    allowed: STAFF,
    input: async (w, org) => ({ classId: (await freshClass(w, org, { enroll: true })).id, date_range: "30d" }),
  },
  "GET /classes/{classId}/analytics/export/{format}": {
    allowed: STAFF,
    input: async (w, org) => ({ classId: (await freshClass(w, org, { enroll: true })).id, format: "csv" }),
  },

  // --- audit ---
  "GET /audit": { allowed: ADMIN, input: () => ({ page: 1, pageSize: 20 }) },
  "POST /audit/export": { allowed: ADMIN, input: () => ({ action: "user.created" }) },

  // --- auth ---
  "POST /auth/token": {
    allowed: ALL,
    input: (w, org) => ({ email: w.users[org].PARENT.email, password: PASSWORD, clientName: "REST suite" }),
  },
  "POST /auth/refresh": { allowed: ALL, input: async (w, org) => ({ refreshToken: await refreshToken(w, org) }) },
  "POST /auth/revoke": { allowed: ALL, input: async (w, org) => ({ refreshToken: await refreshToken(w, org) }) },
};
