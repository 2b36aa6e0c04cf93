// What a person's data export holds: one section per kind of record "about them", read from every
// model of the schema that references the user. Each section is a list of flat rows with fixed
// columns, written to the zip twice: as JSON (values as they are) and as CSV (dates as ISO text,
// structured values as JSON text). Only the subject's own rows are read; another person appears
// only by name where a row of theirs names them (the teacher of their class, a thread's subject).
import { assistantConversationsSection } from "./export-assistant";
import type { ExportValue, SectionSpec } from "./export-types";

export type { ExportRow, ExportSection, ExportValue } from "./export-types";

/** The sections in the order the README lists them; `collect` reads one each, for the progress bar. */
export const EXPORT_SECTIONS: readonly SectionSpec[] = [
  {
    name: "profile",
    description: "Your account: name, email, role, status and when it was created and last used.",
    columns: [
      "id",
      "name",
      "email",
      "role",
      "active",
      "birthDate",
      "sourcedId",
      "createdAt",
      "lastSignInAt",
      "lastActiveAt",
    ],
    collect: async (db, id) => {
      const u = await db.user.findFirst({
        where: { id },
        select: {
          id: true,
          name: true,
          email: true,
          role: true,
          active: true,
          birthDate: true,
          sourcedId: true,
          createdAt: true,
          lastSignInAt: true,
          lastActiveAt: true,
        },
      });
      return u ? [u] : [];
    },
  },
  {
    name: "family-links",
    description: "The parents or guardians linked to you, or the children linked to you.",
    columns: ["relation", "personId", "personName", "linkedAt"],
    collect: async (db, id) => {
      const links = await db.parentStudentLink.findMany({
        where: { OR: [{ parentId: id }, { studentId: id }] },
        orderBy: { createdAt: "asc" },
        select: {
          parentId: true,
          createdAt: true,
          parent: { select: { id: true, name: true } },
          student: { select: { id: true, name: true } },
        },
      });
      return links.map((l) => {
        const other = l.parentId === id ? l.student : l.parent;
        return {
          relation: l.parentId === id ? "child" : "parent",
          personId: other.id,
          personName: other.name,
          linkedAt: l.createdAt,
        };
      });
    },
  },
  {
    name: "enrollments",
    description: "The classes you are enrolled in.",
    columns: ["classId", "className", "subject", "gradeLevel", "teacher", "enrolledAt"],
    collect: async (db, id) => {
      const rows = await db.enrollment.findMany({
        where: { studentId: id },
        orderBy: { createdAt: "asc" },
        select: {
          createdAt: true,
          class: {
            select: { id: true, name: true, subject: true, gradeLevel: true, teacher: { select: { name: true } } },
          },
        },
      });
      return rows.map((e) => ({
        classId: e.class.id,
        className: e.class.name,
        subject: e.class.subject,
        gradeLevel: e.class.gradeLevel,
        teacher: e.class.teacher.name,
        enrolledAt: e.createdAt,
      }));
    },
  },
  {
    name: "classes-taught",
    description: "The classes you teach.",
    columns: ["classId", "className", "subject", "gradeLevel", "createdAt", "archivedAt"],
    collect: async (db, id) => {
      const rows = await db.class.findMany({
        where: { teacherId: id },
        orderBy: { createdAt: "asc" },
        select: { id: true, name: true, subject: true, gradeLevel: true, createdAt: true, archivedAt: true },
      });
      return rows.map((c) => ({
        classId: c.id,
        className: c.name,
        subject: c.subject,
        gradeLevel: c.gradeLevel,
        createdAt: c.createdAt,
        archivedAt: c.archivedAt,
      }));
    },
  },
  {
    name: "attempts",
    description:
      "Your quiz and assignment attempts: what, for which class, status, score, the teacher's feedback, and answers saved while in progress.",
    columns: [
      "attemptId",
      "assignment",
      "className",
      "number",
      "status",
      "score",
      "maxScore",
      "startedAt",
      "submittedAt",
      "feedback",
      "savedResponses",
    ],
    collect: async (db, id) => {
      const rows = await db.attempt.findMany({
        where: { studentId: id },
        orderBy: { startedAt: "asc" },
        select: {
          id: true,
          number: true,
          status: true,
          score: true,
          maxScore: true,
          startedAt: true,
          submittedAt: true,
          feedback: true,
          responses: true,
          assignment: { select: { content: { select: { title: true } }, class: { select: { name: true } } } },
        },
      });
      return rows.map((a) => ({
        attemptId: a.id,
        assignment: a.assignment.content.title,
        className: a.assignment.class.name,
        number: a.number,
        status: a.status,
        score: a.score,
        maxScore: a.maxScore,
        startedAt: a.startedAt,
        submittedAt: a.submittedAt,
        feedback: a.feedback,
        savedResponses: a.responses as ExportValue,
      }));
    },
  },
  {
    name: "answers",
    description: "Every graded answer of your submitted attempts: the question, your answer, and the points.",
    columns: ["attemptId", "questionId", "question", "answer", "correct", "points", "maxPoints", "comment", "gradedAt"],
    collect: async (db, id) => {
      const rows = await db.attemptAnswer.findMany({
        where: { attempt: { studentId: id } },
        orderBy: [{ attempt: { startedAt: "asc" } }, { id: "asc" }],
        select: {
          attemptId: true,
          questionId: true,
          response: true,
          correct: true,
          points: true,
          maxPoints: true,
          comment: true,
          gradedAt: true,
          question: { select: { prompt: true } },
        },
      });
      return rows.map((a) => ({
        attemptId: a.attemptId,
        questionId: a.questionId,
        question: a.question.prompt,
        answer: a.response as ExportValue,
        correct: a.correct,
        points: a.points,
        maxPoints: a.maxPoints,
        comment: a.comment,
        gradedAt: a.gradedAt,
      }));
    },
  },
  {
    name: "lesson-progress",
    description: "Your progress through assigned lessons: the sections you completed and when.",
    columns: ["lessonId", "lesson", "completedSections", "startedAt", "completedAt", "updatedAt"],
    collect: async (db, id) => {
      const rows = await db.lessonProgress.findMany({
        where: { studentId: id },
        orderBy: { startedAt: "asc" },
        select: {
          contentId: true,
          completedSections: true,
          startedAt: true,
          completedAt: true,
          updatedAt: true,
          content: { select: { title: true } },
        },
      });
      return rows.map((p) => ({
        lessonId: p.contentId,
        lesson: p.content.title,
        completedSections: p.completedSections,
        startedAt: p.startedAt,
        completedAt: p.completedAt,
        updatedAt: p.updatedAt,
      }));
    },
  },
  {
    name: "messages",
    description: "The messages you sent: the conversation, what you wrote and when.",
    columns: ["messageId", "threadId", "thread", "body", "sentAt"],
    collect: async (db, id) => {
      const rows = await db.message.findMany({
        where: { authorId: id },
        orderBy: { createdAt: "asc" },
        select: { id: true, threadId: true, body: true, createdAt: true, thread: { select: { subject: true } } },
      });
      return rows.map((m) => ({
        messageId: m.id,
        threadId: m.threadId,
        thread: m.thread.subject,
        body: m.body,
        sentAt: m.createdAt,
      }));
    },
  },
  assistantConversationsSection,
  {
    name: "activity",
    description: "What the platform recorded you doing (opening lessons, submitting quizzes, signing in).",
    columns: ["type", "details", "at"],
    collect: async (db, id) => {
      const rows = await db.activityEvent.findMany({
        where: { userId: id },
        orderBy: { createdAt: "asc" },
        select: { type: true, metadata: true, createdAt: true },
      });
      return rows.map((e) => ({ type: e.type, details: e.metadata as ExportValue, at: e.createdAt }));
    },
  },
  {
    name: "sessions",
    description: "Where your account signed in: device, address, and when each session started and ended.",
    columns: ["kind", "device", "ip", "startedAt", "lastSeenAt", "endedAt", "endedBecause"],
    collect: async (db, id) => {
      const rows = await db.session.findMany({
        where: { userId: id },
        orderBy: { createdAt: "asc" },
        select: {
          kind: true,
          userAgent: true,
          ip: true,
          createdAt: true,
          lastSeenAt: true,
          revokedAt: true,
          revokedReason: true,
        },
      });
      return rows.map((s) => ({
        kind: s.kind,
        device: s.userAgent,
        ip: s.ip,
        startedAt: s.createdAt,
        lastSeenAt: s.lastSeenAt,
        endedAt: s.revokedAt,
        endedBecause: s.revokedReason,
      }));
    },
  },
  {
    name: "consents",
    description: "Parental consents (COPPA) given for you, or given by you for a child.",
    columns: ["studentId", "parentId", "grantedAt", "revokedAt", "statement"],
    collect: async (db, id) =>
      db.parentalConsent.findMany({
        where: { OR: [{ studentId: id }, { parentId: id }] },
        orderBy: { grantedAt: "asc" },
        select: { studentId: true, parentId: true, grantedAt: true, revokedAt: true, statement: true },
      }),
  },
  {
    name: "content",
    description: "Lessons, quizzes and activities you wrote, and questions in your bank (titles, not their text).",
    columns: ["kind", "id", "title", "status", "createdAt", "updatedAt"],
    collect: async (db, id) => {
      const [items, questions] = await Promise.all([
        db.contentItem.findMany({
          where: { authorId: id },
          orderBy: { createdAt: "asc" },
          select: { id: true, type: true, title: true, status: true, createdAt: true, updatedAt: true },
        }),
        db.question.findMany({
          where: { ownerId: id },
          orderBy: { createdAt: "asc" },
          select: { id: true, prompt: true, createdAt: true, updatedAt: true, deletedAt: true },
        }),
      ]);
      return [
        ...items.map((i) => ({
          kind: i.type,
          id: i.id,
          title: i.title,
          status: i.status,
          createdAt: i.createdAt,
          updatedAt: i.updatedAt,
        })),
        ...questions.map((q) => ({
          kind: "QUESTION",
          id: q.id,
          title: q.prompt,
          status: q.deletedAt ? "DELETED" : "IN_BANK",
          createdAt: q.createdAt,
          updatedAt: q.updatedAt,
        })),
      ];
    },
  },
  {
    name: "api-keys",
    description: "API keys you made (name, prefix and scopes; never the key itself).",
    columns: ["name", "prefix", "scopes", "createdAt", "expiresAt", "revokedAt", "lastUsedAt"],
    collect: async (db, id) =>
      db.apiKey.findMany({
        where: { userId: id },
        orderBy: { createdAt: "asc" },
        select: {
          name: true,
          prefix: true,
          scopes: true,
          createdAt: true,
          expiresAt: true,
          revokedAt: true,
          lastUsedAt: true,
        },
      }),
  },
  {
    name: "audit-trail",
    description: "Your account's audit trail: what you did that is audited, and what was done to your account.",
    columns: ["action", "role", "actorId", "targetType", "targetId", "details", "correlationId", "at"],
    collect: async (db, id) => {
      const rows = await db.auditLog.findMany({
        where: { OR: [{ actorId: id }, { targetId: id }] },
        orderBy: [{ createdAt: "asc" }, { id: "asc" }],
        select: {
          action: true,
          actorId: true,
          targetType: true,
          targetId: true,
          metadata: true,
          correlationId: true,
          createdAt: true,
        },
      });
      return rows.map((r) => ({
        action: r.action,
        role: r.actorId === id ? "actor" : "target",
        actorId: r.actorId,
        targetType: r.targetType,
        targetId: r.targetId,
        details: r.metadata as ExportValue,
        correlationId: r.correlationId,
        at: r.createdAt,
      }));
    },
  },
];
