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
//
// This file writes: direct threads, announcements and replies. Reading is in inbox.ts, who may be
// messaged in recipients.ts.
import type { Prisma } from "@toolboxai/db";
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
import { assertCanBeMessaged, assertConsent } from "../privacy/consent";
import { publish } from "../realtime/events";
import { activeStudent, activeUser, MESSAGING_ROLES, preview, threadNotFound } from "./message-common";

function nextMessageTime(lastMessageAt: Date | null): Date {
  const now = new Date();
  if (lastMessageAt && now.getTime() <= lastMessageAt.getTime()) return new Date(lastMessageAt.getTime() + 1);
  return now;
}

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

const notARecipient = () =>
  fieldError(
    "NOT_FOUND",
    "recipientId",
    "You can message only the people of your classes: their teachers, students and students' parents.",
  );

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
  if (ctx.actor.role === "STUDENT") await assertConsent(ctx, ctx.actor.userId, "messaging");
  const classId = await directThreadClass(ctx, input);
  await assertCanBeMessaged(ctx, [input.recipientId]);
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
  if (ctx.actor.role === "STUDENT") await assertConsent(ctx, ctx.actor.userId, "messaging");
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
  if (thread.kind === "DIRECT" && ctx.actor.role !== "STUDENT") {
    const others = await ctx.db.threadParticipant.findMany({
      where: { threadId: thread.id, userId: { not: me } },
      select: { userId: true },
    });
    await assertCanBeMessaged(
      ctx,
      others.map((p) => p.userId),
    );
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
