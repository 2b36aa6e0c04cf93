import { z } from "zod";
import { idSchema, isoDate, roleSchema } from "./common";
import { EXAMPLE_IDS as ids } from "./examples";
import { textSchema } from "./text";

export const messageBodySchema = textSchema
  .trim()
  .min(1, "Write a message")
  .max(5000, "A message is at most 5000 characters");
export const messageSubjectSchema = textSchema
  .trim()
  .min(1, "Enter a subject")
  .max(200, "Subject is at most 200 characters");

export const threadKinds = ["DIRECT", "ANNOUNCEMENT"] as const;
export const threadKindSchema = z.enum(threadKinds);

/**
 * A direct message. `classId` is the class the two people share; teachers and students must give
 * it, admins (who may write to anyone in their organization) may leave it out.
 */
export const startThreadSchema = z
  .object({
    recipientId: idSchema,
    classId: idSchema.optional(),
    subject: messageSubjectSchema,
    body: messageBodySchema,
  })
  .meta({
    examples: [
      {
        recipientId: ids.parent,
        classId: ids.class,
        subject: "Maya's plate tectonics model",
        body: "Hi Ms. Lopez, Maya's model of a subduction zone was excellent. Could she present it to the class on Friday?",
      },
    ],
  });
export type StartThreadInput = z.infer<typeof startThreadSchema>;

export const announceSchema = z
  .object({ classId: idSchema, subject: messageSubjectSchema, body: messageBodySchema })
  .meta({
    examples: [
      {
        classId: ids.class,
        subject: "Quiz on Friday",
        body: "We'll have a short quiz on plate boundaries this Friday. Review sections 2 and 3 of the lesson.",
      },
    ],
  });
export type AnnounceInput = z.infer<typeof announceSchema>;

export const replySchema = z
  .object({ threadId: idSchema, body: messageBodySchema })
  .meta({ examples: [{ threadId: ids.thread, body: "Thank you! She would love to." }] });
export type ReplyInput = z.infer<typeof replySchema>;

export const threadIdSchema = z.object({ threadId: idSchema });

export const personRefSchema = z.object({ id: z.string(), name: z.string() });

export const threadSummarySchema = z
  .object({
    id: z.string(),
    kind: threadKindSchema,
    subject: z.string(),
    classId: z.string().nullable(),
    className: z.string().nullable(),
    /** Direct threads: the other participants. Announcements: their author, unless that is the reader. */
    others: z.array(personRefSchema),
    lastMessage: z.object({ body: z.string(), authorName: z.string(), mine: z.boolean() }).nullable(),
    lastMessageAt: isoDate(),
    unreadCount: z.number().int(),
  })
  .meta({
    id: "ThreadSummary",
    examples: [
      {
        id: ids.thread,
        kind: "DIRECT",
        subject: "Maya's plate tectonics model",
        classId: ids.class,
        className: "Period 3 Science",
        others: [{ id: ids.parent, name: "Elena Lopez" }],
        lastMessage: { body: "Thank you! She would love to.", authorName: "Elena Lopez", mine: false },
        lastMessageAt: "2026-12-02T18:20:00.000Z",
        unreadCount: 1,
      },
    ],
  });
export type ThreadSummary = z.infer<typeof threadSummarySchema>;

export const messageSchema = z
  .object({
    id: z.string(),
    body: z.string(),
    createdAt: isoDate(),
    authorId: z.string(),
    authorName: z.string(),
    mine: z.boolean(),
  })
  .meta({
    id: "Message",
    examples: [
      {
        id: ids.message,
        body: "Hi Ms. Lopez, Maya's model of a subduction zone was excellent. Could she present it to the class on Friday?",
        createdAt: "2026-12-02T16:05:00.000Z",
        authorId: ids.teacher,
        authorName: "Rosa Okafor",
        mine: true,
      },
    ],
  });
export type MessageView = z.infer<typeof messageSchema>;

export const threadDetailSchema = z
  .object({
    id: z.string(),
    kind: threadKindSchema,
    subject: z.string(),
    classId: z.string().nullable(),
    className: z.string().nullable(),
    participants: z.array(personRefSchema.extend({ role: roleSchema })),
    /** False for students on announcements. */
    canReply: z.boolean(),
    messages: z.array(messageSchema),
  })
  .meta({
    id: "Thread",
    examples: [
      {
        id: ids.thread,
        kind: "DIRECT",
        subject: "Maya's plate tectonics model",
        classId: ids.class,
        className: "Period 3 Science",
        participants: [
          { id: ids.teacher, name: "Rosa Okafor", role: "TEACHER" },
          { id: ids.parent, name: "Elena Lopez", role: "PARENT" },
        ],
        canReply: true,
        messages: [
          {
            id: ids.message,
            body: "Hi Ms. Lopez, Maya's model of a subduction zone was excellent. Could she present it to the class on Friday?",
            createdAt: "2026-12-02T16:05:00.000Z",
            authorId: ids.teacher,
            authorName: "Rosa Okafor",
            mine: true,
          },
        ],
      },
    ],
  });
export type ThreadDetail = z.infer<typeof threadDetailSchema>;

export const unreadCountSchema = z.object({ count: z.number().int() });

export const recipientGroupSchema = z.object({
  /** Null for an admin's organization-wide group. */
  classId: z.string().nullable(),
  className: z.string().nullable(),
  people: z.array(personRefSchema.extend({ role: roleSchema })),
});
export type RecipientGroup = z.infer<typeof recipientGroupSchema>;
