// Messages: direct threads between a teacher and a student of one of their classes, or a
// teacher and a parent linked to such a student (admins may write to anyone), class announcements, and unread counts. Only a thread's participants can
// read it; everyone else, admins included, gets NOT_FOUND.
//
// Announcements: participants are the poster, the class's teacher and every student enrolled
// when it is posted. A student who joins the class later becomes a participant of its earlier
// announcements the next time they load their inbox or unread count (`joinClassAnnouncements`),
// so there is one access rule: a ThreadParticipant row. A student removed from a class keeps the
// announcements they already received, as with email.
//
// Unread = messages by others created after the reader's `lastReadAt`. Messages in a thread get
// strictly increasing times (`nextMessageTime`), so opening a thread can set `lastReadAt` to the
// thread's `lastMessageAt` and a message written meanwhile still counts as unread.
import type { Prisma, Role } from "@toolboxai/db";
import {
  type AnnounceInput,
  channels,
  type ReplyInput,
  realtimeEvents,
  type StartThreadInput,
} from "@toolboxai/validators";
import { recordActivity } from "../audit/audit";
import type { ServiceContext } from "../context";
import { fieldError, forbidden, invalid, notFound } from "../errors";
import { publish } from "../realtime/events";

const PREVIEW_LENGTH = 140;
const THREAD_LIST_LIMIT = 100;
const MESSAGE_LIMIT = 500;
const ADMIN_RECIPIENT_LIMIT = 500;
/** Roles that use messaging. */
const MESSAGING_ROLES: Role[] = ["ADMIN", "TEACHER", "STUDENT", "PARENT"];
const activeUser = { active: true, deletedAt: null } satisfies Prisma.UserWhereInput;

function nextMessageTime(lastMessageAt: Date | null): Date {
  const now = new Date();
  if (lastMessageAt && now.getTime() <= lastMessageAt.getTime()) return new Date(lastMessageAt.getTime() + 1);
  return now;
}

function preview(body: string): string {
  const flat = body.replace(/\s+/g, " ").trim();
  return flat.length > PREVIEW_LENGTH ? `${flat.slice(0, PREVIEW_LENGTH - 1)}…` : flat;
}

const threadNotFound = () => notFound("Conversation");

/** Tells the other participants (on their own channels) that a message arrived; after the write. */
function notifyRecipients(
  ctx: ServiceContext,
  recipientIds: Iterable<string>,
  message: { threadId: string; messageId: string; body: string },
) {
  const to = [...new Set(recipientIds)].filter((id) => id !== ctx.actor.userId).map(channels.user);
  if (to.length === 0) return;
  publish(ctx, to, realtimeEvents.messageCreated, {
    threadId: message.threadId,
    messageId: message.messageId,
    from: ctx.actor.name,
    preview: preview(message.body),
  });
}

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

const notARecipient = () =>
  fieldError(
    "NOT_FOUND",
    "recipientId",
    "You can message only the people of your classes: their teachers, students and students' parents.",
  );

/** A student of the class who is active, optionally one linked to the given (active) parent. */
const activeStudent = (parentId?: string): Prisma.UserWhereInput => ({
  ...activeUser,
  ...(parentId ? { parents: { some: { parentId, parent: activeUser } } } : {}),
});

/** Checks the DIRECT-thread rules; returns the class to file the thread under. */
async function directThreadClass(ctx: ServiceContext, input: StartThreadInput): Promise<string | null> {
  const me = ctx.actor.userId;
  if (input.recipientId === me) throw fieldError("INVALID", "recipientId", "You cannot message yourself.");
  switch (ctx.actor.role) {
    case "TEACHER":
    case "STUDENT":
    case "PARENT": {
      if (!input.classId) throw fieldError("INVALID", "classId", "Choose the class you share.");
      const shared: Prisma.ClassWhereInput =
        ctx.actor.role === "TEACHER"
          ? {
              teacherId: me,
              OR: [
                { enrollments: { some: { studentId: input.recipientId, student: activeStudent() } } },
                { enrollments: { some: { student: activeStudent(input.recipientId) } } },
              ],
            }
          : ctx.actor.role === "STUDENT"
            ? { teacherId: input.recipientId, teacher: activeUser, enrollments: { some: { studentId: me } } }
            : {
                teacherId: input.recipientId,
                teacher: activeUser,
                enrollments: { some: { student: activeStudent(me) } },
              };
      const cls = await ctx.db.class.findFirst({
        where: { id: input.classId, archivedAt: null, ...shared },
        select: { id: true },
      });
      if (!cls) throw notARecipient();
      return cls.id;
    }
    case "ADMIN": {
      const recipient = await ctx.db.user.findFirst({
        where: { id: input.recipientId, role: { in: MESSAGING_ROLES }, ...activeUser },
        select: { id: true },
      });
      if (!recipient) throw notARecipient();
      if (!input.classId) return null;
      const cls = await ctx.db.class.findFirst({ where: { id: input.classId }, select: { id: true } });
      if (!cls) throw notFound("Class");
      return cls.id;
    }
    default:
      throw forbidden("Messaging is not available for your role.");
  }
}

export async function startThread(ctx: ServiceContext, input: StartThreadInput) {
  const classId = await directThreadClass(ctx, input);
  const organizationId = ctx.actor.orgId;
  const at = new Date();
  const thread = await ctx.db.messageThread.create({
    data: {
      organizationId,
      kind: "DIRECT",
      classId,
      subject: input.subject,
      createdById: ctx.actor.userId,
      lastMessageAt: at,
      participants: {
        create: [
          { organizationId, userId: ctx.actor.userId, lastReadAt: at },
          { organizationId, userId: input.recipientId },
        ],
      },
      messages: { create: { organizationId, authorId: ctx.actor.userId, body: input.body, createdAt: at } },
    },
    select: { id: true, messages: { select: { id: true } } },
  });
  await recordActivity(ctx, "message_sent", { threadId: thread.id, kind: "DIRECT" });
  notifyRecipients(ctx, [input.recipientId], {
    threadId: thread.id,
    messageId: thread.messages[0]?.id ?? "",
    body: input.body,
  });
  return { threadId: thread.id };
}

/** Posts to a class: its teacher or an admin. Participants: poster, teacher and enrolled students. */
export async function announce(ctx: ServiceContext, input: AnnounceInput) {
  const me = ctx.actor.userId;
  if (ctx.actor.role !== "TEACHER" && ctx.actor.role !== "ADMIN") {
    throw forbidden("Only teachers post announcements.");
  }
  const cls = await ctx.db.class.findFirst({
    where: { id: input.classId, ...(ctx.actor.role === "ADMIN" ? {} : { teacherId: me }) },
    select: { id: true, archivedAt: true, teacherId: true, enrollments: { select: { studentId: true } } },
  });
  if (!cls) throw notFound("Class");
  if (cls.archivedAt) {
    throw invalid("Unarchive the class to post an announcement.");
  }
  const organizationId = ctx.actor.orgId;
  const at = new Date();
  const members = new Set([cls.teacherId, ...cls.enrollments.map((e) => e.studentId)]);
  members.delete(me);
  const thread = await ctx.db.messageThread.create({
    data: {
      organizationId,
      kind: "ANNOUNCEMENT",
      classId: cls.id,
      subject: input.subject,
      createdById: me,
      lastMessageAt: at,
      participants: {
        create: [
          { organizationId, userId: me, lastReadAt: at },
          ...[...members].map((userId) => ({ organizationId, userId })),
        ],
      },
      messages: { create: { organizationId, authorId: me, body: input.body, createdAt: at } },
    },
    select: { id: true, messages: { select: { id: true } } },
  });
  await recordActivity(ctx, "message_sent", { threadId: thread.id, kind: "ANNOUNCEMENT", classId: cls.id });
  notifyRecipients(ctx, members, { threadId: thread.id, messageId: thread.messages[0]?.id ?? "", body: input.body });
  return { threadId: thread.id };
}

/** Adds a message to a thread the actor takes part in; students cannot reply to announcements. */
export async function reply(ctx: ServiceContext, input: ReplyInput) {
  const me = ctx.actor.userId;
  const participant = await ctx.db.threadParticipant.findFirst({
    where: { threadId: input.threadId, userId: me },
    select: { id: true, thread: { select: { id: true, kind: true, lastMessageAt: true } } },
  });
  if (!participant) throw threadNotFound();
  const { thread } = participant;
  if (thread.kind === "ANNOUNCEMENT" && ctx.actor.role === "STUDENT") {
    throw forbidden("Announcements cannot be replied to. Message your teacher instead.");
  }
  const organizationId = ctx.actor.orgId;
  const at = nextMessageTime(thread.lastMessageAt);
  const updated = await ctx.db.messageThread.update({
    where: { id: thread.id },
    data: {
      lastMessageAt: at,
      messages: { create: { organizationId, authorId: me, body: input.body, createdAt: at } },
      participants: { update: { where: { id: participant.id }, data: { lastReadAt: at } } },
    },
    select: {
      messages: {
        where: { authorId: me, createdAt: at },
        orderBy: { id: "desc" },
        take: 1,
        select: { id: true, body: true, createdAt: true, authorId: true },
      },
      participants: { where: { userId: { not: me } }, select: { userId: true } },
    },
  });
  const message = updated.messages[0];
  if (!message) throw new Error("reply: the new message was not read back");
  await recordActivity(ctx, "message_sent", { threadId: thread.id, kind: thread.kind });
  notifyRecipients(
    ctx,
    updated.participants.map((p) => p.userId),
    { threadId: thread.id, messageId: message.id, body: message.body },
  );
  return { ...message, authorName: ctx.actor.name, mine: true };
}

type Recipient = { id: string; name: string; role: Role };
interface Group {
  classId: string | null;
  className: string | null;
  people: Recipient[];
}

/** Lists each person once, under the first group that holds them; drops groups left empty. */
function oncePerPerson(groups: Group[]): Group[] {
  const seen = new Set<string>();
  return groups
    .map((g) => ({
      ...g,
      people: g.people.filter((p) => {
        if (seen.has(p.id)) return false;
        seen.add(p.id);
        return true;
      }),
    }))
    .filter((g) => g.people.length > 0);
}

const recipientView = { id: true, name: true, role: true } satisfies Prisma.UserSelect;

/**
 * Who the actor may start a direct thread with, grouped by a class they share. Each person is
 * listed once (under the first such class), however many classes they share with the actor.
 */
export async function recipients(ctx: ServiceContext): Promise<Group[]> {
  const me = ctx.actor.userId;
  switch (ctx.actor.role) {
    case "TEACHER": {
      const classes = await ctx.db.class.findMany({
        where: { teacherId: me, archivedAt: null },
        orderBy: [{ name: "asc" }, { id: "asc" }],
        select: {
          id: true,
          name: true,
          enrollments: {
            where: { student: activeUser },
            orderBy: { student: { name: "asc" } },
            select: {
              student: {
                select: {
                  ...recipientView,
                  parents: {
                    where: { parent: activeUser },
                    orderBy: { parent: { name: "asc" } },
                    select: { parent: { select: recipientView } },
                  },
                },
              },
            },
          },
        },
      });
      return oncePerPerson(
        classes.map((c) => {
          const students = c.enrollments.map(({ student: { parents: _, ...s } }) => s);
          const parents = c.enrollments
            .flatMap((e) => e.student.parents.map((l) => l.parent))
            .sort((a, b) => a.name.localeCompare(b.name));
          return { classId: c.id, className: c.name, people: [...students, ...parents] };
        }),
      );
    }
    case "STUDENT":
    case "PARENT": {
      const enrolled: Prisma.EnrollmentWhereInput =
        ctx.actor.role === "STUDENT" ? { studentId: me } : { student: activeStudent(me) };
      const classes = await ctx.db.class.findMany({
        where: { archivedAt: null, enrollments: { some: enrolled }, teacher: activeUser },
        orderBy: [{ name: "asc" }, { id: "asc" }],
        select: { id: true, name: true, teacher: { select: recipientView } },
      });
      return oncePerPerson(classes.map((c) => ({ classId: c.id, className: c.name, people: [c.teacher] })));
    }
    case "ADMIN": {
      const people = await ctx.db.user.findMany({
        where: { id: { not: me }, role: { in: MESSAGING_ROLES }, ...activeUser },
        orderBy: [{ name: "asc" }, { id: "asc" }],
        select: recipientView,
        take: ADMIN_RECIPIENT_LIMIT,
      });
      return people.length > 0 ? [{ classId: null, className: null, people }] : [];
    }
    default:
      return [];
  }
}
