// `messages`: direct threads between teachers and their students, class announcements and
// unread counts. Parents have no messaging yet.
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
import { announceHandler } from "./announce.handler";
import { recipientsHandler } from "./recipients.handler";
import { replyHandler } from "./reply.handler";
import { startThreadHandler } from "./start-thread.handler";
import { threadHandler } from "./thread.handler";
import { threadsHandler } from "./threads.handler";
import { unreadCountHandler } from "./unread-count.handler";

const members = roleProcedure("TEACHER", "STUDENT", "ADMIN");
const staff = roleProcedure("TEACHER", "ADMIN");

export const messagesRouter = createTRPCRouter({
  threads: members.output(z.array(threadSummarySchema)).query(threadsHandler),
  thread: members.input(threadIdSchema).output(threadDetailSchema).query(threadHandler),
  startThread: members.input(startThreadSchema).output(threadIdSchema).mutation(startThreadHandler),
  announce: staff.input(announceSchema).output(threadIdSchema).mutation(announceHandler),
  reply: members.input(replySchema).output(messageSchema).mutation(replyHandler),
  unreadCount: members.output(unreadCountSchema).query(unreadCountHandler),
  recipients: members.output(z.array(recipientGroupSchema)).query(recipientsHandler),
});
