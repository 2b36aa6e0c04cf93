import { announce, getThread, listThreads, recipients, reply, startThread, unreadCount } from "@toolboxai/core";
// `messages`: direct threads between teachers and their students or their students' parents,
// class announcements and unread counts.
import {
  announceSchema,
  messageSchema,
  recipientGroupSchema,
  replySchema,
  startThreadSchema,
  threadDetailSchema,
  threadIdSchema,
  threadSummarySchema,
  unreadCountSchema,
} from "@toolboxai/validators";
import { z } from "zod";
import { createTRPCRouter, roleProcedure } from "../../trpc";

const members = roleProcedure("TEACHER", "STUDENT", "ADMIN", "PARENT");
const staff = roleProcedure("TEACHER", "ADMIN");

export const messagesRouter = createTRPCRouter({
  threads: members
    .meta({
      openapi: {
        method: "GET",
        path: "/messages/threads",
        tags: ["messages"],
        summary: "List message threads",
        description:
          "The caller's direct threads and class announcements, latest first, with unread counts. Teachers, students, parents and admins.",
      },
      scopes: ["messages:read"],
    })
    .output(z.array(threadSummarySchema))
    .query(({ ctx }) => listThreads(ctx.svc)),
  thread: members
    .meta({
      openapi: {
        method: "GET",
        path: "/messages/threads/{threadId}",
        tags: ["messages"],
        summary: "Get a thread",
        description:
          "A thread's participants and messages; reading it marks them read. Its participants: teachers, students, parents and admins.",
      },
      scopes: ["messages:read"],
    })
    .input(threadIdSchema)
    .output(threadDetailSchema)
    .query(({ ctx, input }) => getThread(ctx.svc, input.threadId)),
  startThread: members
    .meta({
      openapi: {
        method: "POST",
        path: "/messages/threads",
        tags: ["messages"],
        summary: "Start a thread",
        description:
          "A direct message to someone the caller shares a class with (admins: anyone in the organization). Teachers, students, parents and admins.",
      },
      scopes: ["messages:write"],
      successStatus: 201,
    })
    .input(startThreadSchema)
    .output(threadIdSchema)
    .mutation(({ ctx, input }) => startThread(ctx.svc, input)),
  announce: staff
    .meta({
      openapi: {
        method: "POST",
        path: "/messages/announcements",
        tags: ["messages"],
        summary: "Announce to a class",
        description: "A message to every student of a class (and their parents). Teachers of the class and admins.",
      },
      scopes: ["messages:write"],
      successStatus: 201,
    })
    .input(announceSchema)
    .output(threadIdSchema)
    .mutation(({ ctx, input }) => announce(ctx.svc, input)),
  reply: members
    .meta({
      openapi: {
        method: "POST",
        path: "/messages/threads/{threadId}/replies",
        tags: ["messages"],
        summary: "Reply in a thread",
        description:
          "Adds a message (students cannot reply to announcements). Its participants: teachers, students, parents and admins.",
      },
      scopes: ["messages:write"],
      successStatus: 201,
    })
    .input(replySchema)
    .output(messageSchema)
    .mutation(({ ctx, input }) => reply(ctx.svc, input)),
  unreadCount: members
    .meta({
      openapi: {
        method: "GET",
        path: "/messages/unread-count",
        tags: ["messages"],
        summary: "Unread messages",
        description: "How many messages the caller has not read. Teachers, students, parents and admins.",
      },
      scopes: ["messages:read"],
    })
    .output(unreadCountSchema)
    .query(({ ctx }) => unreadCount(ctx.svc)),
  recipients: members
    .meta({
      openapi: {
        method: "GET",
        path: "/messages/recipients",
        tags: ["messages"],
        summary: "Who I can write to",
        description: "The people the caller may message, grouped by class. Teachers, students, parents and admins.",
      },
      scopes: ["messages:read"],
    })
    .output(z.array(recipientGroupSchema))
    .query(({ ctx }) => recipients(ctx.svc)),
});
