// The inbox: a person's threads with their unread counts, the unread total, and one thread (which
// opening marks read). See messages.ts for the access and unread rules.
import type { Prisma } from "@toolboxai/db";
import type { ServiceContext } from "../context";
import { preview, threadNotFound } from "./message-common";

const THREAD_LIST_LIMIT = 100;
const MESSAGE_LIMIT = 500;

/** Adds a student to the announcements of their current classes posted before they joined. */
async function joinClassAnnouncements(ctx: ServiceContext) {
  if (ctx.actor.role !== "STUDENT") return;
  const missing = await ctx.db.messageThread.findMany({
    where: {
      kind: "ANNOUNCEMENT",
      class: { archivedAt: null, enrollments: { some: { studentId: ctx.actor.userId } } },
      participants: { none: { userId: ctx.actor.userId } },
    },
    select: { id: true },
  });
  if (missing.length === 0) return;
  await ctx.db.threadParticipant.createMany({
    data: missing.map((t) => ({ organizationId: ctx.actor.orgId, threadId: t.id, userId: ctx.actor.userId })),
    skipDuplicates: true,
  });
}

interface ReadState {
  threadId: string;
  lastReadAt: Date | null;
  lastMessageAt: Date;
}

/** Where-clause for the messages by others the actor has not read, over the given threads. */
function unreadWhere(ctx: ServiceContext, states: ReadState[]): Prisma.MessageWhereInput | null {
  const candidates = states.filter((s) => s.lastReadAt === null || s.lastMessageAt > s.lastReadAt);
  if (candidates.length === 0) return null;
  return {
    authorId: { not: ctx.actor.userId },
    OR: candidates.map((s) =>
      s.lastReadAt ? { threadId: s.threadId, createdAt: { gt: s.lastReadAt } } : { threadId: s.threadId },
    ),
  };
}

export async function listThreads(ctx: ServiceContext) {
  await joinClassAnnouncements(ctx);
  const me = ctx.actor.userId;
  const rows = await ctx.db.threadParticipant.findMany({
    where: { userId: me },
    orderBy: [{ thread: { lastMessageAt: "desc" } }, { threadId: "desc" }],
    take: THREAD_LIST_LIMIT,
    select: {
      lastReadAt: true,
      thread: {
        select: {
          id: true,
          kind: true,
          subject: true,
          classId: true,
          lastMessageAt: true,
          class: { select: { name: true } },
          createdBy: { select: { id: true, name: true } },
          participants: {
            where: { userId: { not: me } },
            select: { user: { select: { id: true, name: true } } },
            orderBy: { user: { name: "asc" } },
            take: 10,
          },
          messages: {
            orderBy: [{ createdAt: "desc" }, { id: "desc" }],
            take: 1,
            select: { body: true, authorId: true, author: { select: { name: true } } },
          },
        },
      },
    },
  });

  const where = unreadWhere(
    ctx,
    rows.map((r) => ({ threadId: r.thread.id, lastReadAt: r.lastReadAt, lastMessageAt: r.thread.lastMessageAt })),
  );
  const unread = new Map<string, number>();
  if (where) {
    const groups = await ctx.db.message.groupBy({ by: ["threadId"], where, _count: { _all: true } });
    for (const g of groups) unread.set(g.threadId, g._count._all);
  }

  return rows.map(({ thread }) => {
    const last = thread.messages[0];
    const others =
      thread.kind === "ANNOUNCEMENT"
        ? thread.createdBy.id === me
          ? []
          : [thread.createdBy]
        : thread.participants.map((p) => p.user);
    return {
      id: thread.id,
      kind: thread.kind,
      subject: thread.subject,
      classId: thread.classId,
      className: thread.class?.name ?? null,
      others,
      lastMessage: last ? { body: preview(last.body), authorName: last.author.name, mine: last.authorId === me } : null,
      lastMessageAt: thread.lastMessageAt,
      unreadCount: unread.get(thread.id) ?? 0,
    };
  });
}

/** Total unread messages across the actor's threads (the navigation badge). */
export async function unreadCount(ctx: ServiceContext) {
  await joinClassAnnouncements(ctx);
  const rows = await ctx.db.threadParticipant.findMany({
    where: { userId: ctx.actor.userId },
    select: { threadId: true, lastReadAt: true, thread: { select: { lastMessageAt: true } } },
  });
  const where = unreadWhere(
    ctx,
    rows.map((r) => ({ threadId: r.threadId, lastReadAt: r.lastReadAt, lastMessageAt: r.thread.lastMessageAt })),
  );
  return { count: where ? await ctx.db.message.count({ where }) : 0 };
}

/** One thread, oldest message first; marks it read. NOT_FOUND unless the actor takes part. */
export async function getThread(ctx: ServiceContext, threadId: string) {
  await joinClassAnnouncements(ctx);
  const me = ctx.actor.userId;
  const row = await ctx.db.threadParticipant.findFirst({
    where: { threadId, userId: me },
    select: {
      id: true,
      lastReadAt: true,
      thread: {
        select: {
          id: true,
          kind: true,
          subject: true,
          classId: true,
          lastMessageAt: true,
          class: { select: { name: true } },
          participants: {
            select: { user: { select: { id: true, name: true, role: true } } },
            orderBy: { user: { name: "asc" } },
          },
          messages: {
            orderBy: [{ createdAt: "desc" }, { id: "desc" }],
            take: MESSAGE_LIMIT,
            select: { id: true, body: true, createdAt: true, authorId: true, author: { select: { name: true } } },
          },
        },
      },
    },
  });
  if (!row) throw threadNotFound();
  const { thread } = row;
  if (!row.lastReadAt || row.lastReadAt < thread.lastMessageAt) {
    await ctx.db.threadParticipant.update({ where: { id: row.id }, data: { lastReadAt: thread.lastMessageAt } });
  }
  const people = thread.participants.map((p) => p.user);
  return {
    id: thread.id,
    kind: thread.kind,
    subject: thread.subject,
    classId: thread.classId,
    className: thread.class?.name ?? null,
    // An announcement lists who posts to it, not the whole class.
    participants: thread.kind === "ANNOUNCEMENT" ? people.filter((p) => p.role !== "STUDENT") : people,
    canReply: thread.kind === "DIRECT" || ctx.actor.role !== "STUDENT",
    messages: thread.messages.reverse().map((m) => ({
      id: m.id,
      body: m.body,
      createdAt: m.createdAt,
      authorId: m.authorId,
      authorName: m.author.name,
      mine: m.authorId === me,
    })),
  };
}
