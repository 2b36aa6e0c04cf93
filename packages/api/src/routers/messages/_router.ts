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
  threads: members.output(z.array(threadSummarySchema)).query(({ ctx }) => listThreads(ctx.svc)),
  thread: members
    .input(threadIdSchema)
    .output(threadDetailSchema)
    .query(({ ctx, input }) => getThread(ctx.svc, input.threadId)),
  startThread: members
    .input(startThreadSchema)
    .output(threadIdSchema)
    .mutation(({ ctx, input }) => startThread(ctx.svc, input)),
  announce: staff
    .input(announceSchema)
    .output(threadIdSchema)
    .mutation(({ ctx, input }) => announce(ctx.svc, input)),
  reply: members
    .input(replySchema)
    .output(messageSchema)
    .mutation(({ ctx, input }) => reply(ctx.svc, input)),
  unreadCount: members.output(unreadCountSchema).query(({ ctx }) => unreadCount(ctx.svc)),
  recipients: members.output(z.array(recipientGroupSchema)).query(({ ctx }) => recipients(ctx.svc)),
});
