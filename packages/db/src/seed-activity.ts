// The demo organization's recent history, so its dashboards have something to show on the first
// run: the activity events its seeded rows would have written had people made them through the
// app (content created and published, lessons completed, quizzes submitted, the announcement),
// plus six weeks of sign-ins on school days, each with the (ended) session it started. Then the rollups are rebuilt from those rows, as
// after any write that bypasses the services.
import type { Database } from "./client";
import type { Prisma } from "./generated/prisma/client";
import { rebuildMetricRollups } from "./rollups";

const DAY = 24 * 3600 * 1000;

type Event = Prisma.ActivityEventCreateManyInput;
type Session = Prisma.SessionCreateManyInput;

const HISTORY_DAYS = 41;
const MINUTE = 60 * 1000;

/**
 * Who signed in on which of the last six weeks' school days, and for how long: a fixed pattern,
 * so every run looks the same. Today's sign-ins are left to the people trying the demo.
 */
function signIns(organizationId: string, userIds: string[], now: number): { events: Event[]; sessions: Session[] } {
  const events: Event[] = [];
  const sessions: Session[] = [];
  userIds.forEach((userId, u) => {
    for (let daysAgo = HISTORY_DAYS; daysAgo >= 1; daysAgo--) {
      const weekday = new Date(now - daysAgo * DAY).getUTCDay();
      if (weekday === 0 || weekday === 6) continue;
      // Most people most school days; each skips a different few.
      if ((u * 7 + daysAgo * 3) % 5 === 0) continue;
      const at = now - daysAgo * DAY - ((u * 37) % 180) * MINUTE;
      const ended = at + (12 + ((u * 13 + daysAgo * 7) % 40)) * MINUTE;
      events.push({ organizationId, userId, type: "sign_in", metadata: {}, createdAt: new Date(at) });
      sessions.push({
        organizationId,
        userId,
        createdAt: new Date(at),
        lastSeenAt: new Date(ended),
        expiresAt: new Date(at + 12 * 60 * MINUTE),
        revokedAt: new Date(ended),
        revokedReason: "sign_out",
      });
    }
  });
  return { events, sessions };
}

export async function seedDemoActivity(db: Database, organizationId: string): Promise<void> {
  const now = Date.now();
  const [users, content, progress, attempts, messages] = await Promise.all([
    db.user.findMany({ where: { organizationId }, select: { id: true }, orderBy: { email: "asc" } }),
    db.contentItem.findMany({ where: { organizationId } }),
    db.lessonProgress.findMany({ where: { organizationId, completedAt: { not: null } } }),
    db.attempt.findMany({ where: { organizationId, status: "SUBMITTED" } }),
    db.message.findMany({ where: { organizationId }, include: { thread: true } }),
  ]);
  const history = signIns(
    organizationId,
    users.map((u) => u.id),
    now,
  );
  const events = history.events;
  for (const c of content) {
    const item = { contentId: c.id, type: c.type, title: c.title };
    events.push({
      organizationId,
      userId: c.authorId,
      type: "content_created",
      metadata: item,
      createdAt: c.createdAt,
    });
    if (c.publishedAt) {
      events.push({
        organizationId,
        userId: c.authorId,
        type: "content_published",
        metadata: item,
        createdAt: c.publishedAt,
      });
    }
  }
  for (const p of progress) {
    const metadata = { assignmentId: p.assignmentId, contentId: p.contentId };
    events.push({ organizationId, userId: p.studentId, type: "lesson_started", metadata, createdAt: p.startedAt });
    if (p.completedAt) {
      events.push({
        organizationId,
        userId: p.studentId,
        type: "lesson_completed",
        metadata,
        createdAt: p.completedAt,
      });
    }
  }
  for (const a of attempts) {
    const metadata = { assignmentId: a.assignmentId, attemptId: a.id, score: a.score, maxScore: a.maxScore };
    events.push({ organizationId, userId: a.studentId, type: "quiz_started", metadata, createdAt: a.startedAt });
    if (a.submittedAt) {
      events.push({ organizationId, userId: a.studentId, type: "quiz_submitted", metadata, createdAt: a.submittedAt });
    }
  }
  for (const m of messages) {
    const metadata = {
      threadId: m.threadId,
      kind: m.thread.kind,
      ...(m.thread.classId ? { classId: m.thread.classId } : {}),
    };
    events.push({ organizationId, userId: m.authorId, type: "message_sent", metadata, createdAt: m.createdAt });
  }
  await db.activityEvent.createMany({ data: events });
  await db.session.createMany({ data: history.sessions });
  await rebuildMetricRollups(db, organizationId);
}
