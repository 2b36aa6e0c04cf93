// The AI assistants: the teacher's assistant and the student's tutor. One schema per shape, read
// by the tool registry (packages/core/src/assistant/tools), the chat service and its stream, the
// tRPC router, the chat pages and the MCP server.
import { z } from "zod";
import { idSchema } from "./common";
import { textSchema } from "./text";

export const ASSISTANT_KINDS = ["TEACHER", "TUTOR"] as const;
export const assistantKindSchema = z.enum(ASSISTANT_KINDS);
export type AssistantKind = z.infer<typeof assistantKindSchema>;

export const CONVERSATION_MESSAGE_STATUSES = ["STREAMING", "COMPLETE", "STOPPED", "FAILED"] as const;
export const conversationMessageStatusSchema = z.enum(CONVERSATION_MESSAGE_STATUSES);

/** Why a guard replaced the model's reply: it would have given away an open quiz's answer, or was unsafe for a minor. */
export const ASSISTANT_GUARDS = ["answer-key", "safety"] as const;
export const assistantGuardSchema = z.enum(ASSISTANT_GUARDS);
export type AssistantGuard = z.infer<typeof assistantGuardSchema>;

/** The most a person may type in one message. */
export const ASSISTANT_MESSAGE_MAX = 4000;
export const CONVERSATION_TITLE_MAX = 120;

/** What a tool call shows in the conversation: "Drafted lesson: Photosynthesis — open". */
export const assistantToolCardSchema = z.object({
  /** What happened, short: "Drafted lesson", "Class summary". */
  label: z.string(),
  /** What it was about: "Photosynthesis", "Period 3 Biology". */
  title: z.string(),
  /** A page of the app to open (relative), when there is one. */
  href: z.string().nullable(),
  /** One more line: "12 students, average 81%". */
  detail: z.string().nullable(),
});
export type AssistantToolCard = z.infer<typeof assistantToolCardSchema>;

export const assistantToolCallSchema = z.object({
  id: z.string(),
  /** The tool's name in the registry (`draft_lesson`). */
  name: z.string(),
  status: z.enum(["ok", "error", "refused"]),
  input: z.unknown(),
  output: z.unknown().optional(),
  /** For `error` and `refused`: the message the model (and the person) saw. */
  error: z.string().optional(),
  card: assistantToolCardSchema,
});
export type AssistantToolCall = z.infer<typeof assistantToolCallSchema>;

export const conversationMessageSchema = z.object({
  id: z.string(),
  role: z.enum(["USER", "ASSISTANT"]),
  content: z.string(),
  status: conversationMessageStatusSchema,
  toolCalls: z.array(assistantToolCallSchema),
  guard: assistantGuardSchema.nullable(),
  /** `openai` or `offline`: the offline model's replies are labelled in the UI. */
  provider: z.string().nullable(),
  model: z.string().nullable(),
  createdAt: z.date(),
});
export type ConversationMessageView = z.infer<typeof conversationMessageSchema>;

export const conversationSummarySchema = z.object({
  id: z.string(),
  kind: assistantKindSchema,
  title: z.string(),
  classId: z.string().nullable(),
  assignmentId: z.string().nullable(),
  /** The owner (shown to a teacher reading a student's tutor conversations). */
  user: z.object({ id: z.string(), name: z.string() }),
  messageCount: z.number().int(),
  createdAt: z.date(),
  updatedAt: z.date(),
});
export type ConversationSummary = z.infer<typeof conversationSummarySchema>;

export const conversationDetailSchema = conversationSummarySchema.extend({
  messages: z.array(conversationMessageSchema),
  /** Whether the reader owns it (a teacher reading a student's tutor conversation may not write in it). */
  own: z.boolean(),
});
export type ConversationDetail = z.infer<typeof conversationDetailSchema>;

export const conversationListInputSchema = z.object({
  kind: assistantKindSchema.default("TEACHER"),
  /** The tutor's conversations of one class. */
  classId: idSchema.optional(),
});
export type ConversationListInput = z.infer<typeof conversationListInputSchema>;

export const conversationIdInputSchema = z.object({ conversationId: idSchema });

export const renameConversationInputSchema = z.object({
  conversationId: idSchema,
  title: textSchema.trim().min(1, "Give the conversation a name").max(CONVERSATION_TITLE_MAX),
});

/** A teacher reading the tutor conversations of their class (optionally of one student). */
export const tutorConversationsInputSchema = z.object({
  classId: idSchema,
  studentId: idSchema.optional(),
});

export const assistantMessageTextSchema = textSchema
  .trim()
  .min(1, "Type a message")
  .max(ASSISTANT_MESSAGE_MAX, `Keep a message under ${ASSISTANT_MESSAGE_MAX} characters`);

/**
 * Sends a message and streams the reply. Without `conversationId` a new conversation starts
 * (a tutor conversation needs its `classId`, and may name the assignment the student is on).
 */
export const sendAssistantMessageInputSchema = z.object({
  conversationId: idSchema.optional(),
  kind: assistantKindSchema.default("TEACHER"),
  classId: idSchema.optional(),
  assignmentId: idSchema.optional(),
  content: assistantMessageTextSchema,
});
export type SendAssistantMessageInput = z.input<typeof sendAssistantMessageInputSchema>;

/** Writes the last reply again (the one it replaces stays hidden). */
export const regenerateAssistantInputSchema = z.object({ conversationId: idSchema });

export const stopAssistantInputSchema = z.object({ messageId: idSchema });

/** What the reply's stream carries, in order: `started`, then text and tool cards, then `done` (or `error`). */
export const assistantStreamEventSchema = z.discriminatedUnion("type", [
  z.object({
    type: z.literal("started"),
    conversationId: z.string(),
    /** The person's message, saved (absent when regenerating). */
    userMessage: conversationMessageSchema.nullable(),
    /** The reply's id: what `stop` takes. */
    messageId: z.string(),
    provider: z.string(),
    model: z.string(),
  }),
  z.object({ type: z.literal("text"), delta: z.string() }),
  z.object({ type: z.literal("tool"), call: assistantToolCallSchema }),
  /** A guard replaced what was shown so far: show `content` instead. */
  z.object({ type: z.literal("replaced"), content: z.string(), guard: assistantGuardSchema }),
  z.object({ type: z.literal("done"), message: conversationMessageSchema }),
  z.object({ type: z.literal("error"), message: z.string() }),
]);
export type AssistantStreamEvent = z.infer<typeof assistantStreamEventSchema>;
