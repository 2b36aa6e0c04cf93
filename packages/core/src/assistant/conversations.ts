// The assistants' conversations: a person's own list (the teacher's assistant, or the tutor's per
// class), one conversation with its visible messages, rename and delete (soft: the rows stay for
// the budget and the audit trail). A teacher may read the tutor conversations of their class's
// students, and an admin any tutor conversation: the tutor talks to minors, so the adults
// responsible for them can see what it said. Nobody else sees a conversation that is not theirs.
import type { Prisma } from "@toolboxai/db";
import {
  type AssistantToolCall,
  assistantToolCallSchema,
  type ConversationDetail,
  type ConversationListInput,
  type ConversationMessageView,
  type ConversationSummary,
  conversationListInputSchema,
} from "@toolboxai/validators";
import { z } from "zod";
import type { ServiceContext } from "../context";
import { notFound } from "../errors";

export const conversationSummarySelect = {
  id: true,
  userId: true,
  kind: true,
  title: true,
  classId: true,
  assignmentId: true,
  createdAt: true,
  updatedAt: true,
  user: { select: { id: true, name: true } },
  _count: { select: { messages: { where: { supersededAt: null } } } },
} satisfies Prisma.ConversationSelect;

type SummaryRow = Prisma.ConversationGetPayload<{ select: typeof conversationSummarySelect }>;

export const conversationMessageSelect = {
  id: true,
  role: true,
  content: true,
  status: true,
  toolCalls: true,
  guard: true,
  provider: true,
  model: true,
  createdAt: true,
} satisfies Prisma.ConversationMessageSelect;

type MessageRow = Prisma.ConversationMessageGetPayload<{ select: typeof conversationMessageSelect }>;

function toSummary(row: SummaryRow): ConversationSummary {
  return {
    id: row.id,
    kind: row.kind,
    title: row.title,
    classId: row.classId,
    assignmentId: row.assignmentId,
    user: row.user,
    messageCount: row._count.messages,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

const toolCallsSchema = z.array(assistantToolCallSchema);

/** The tool calls stored on a message; a row written by an older shape shows none rather than failing the page. */
export function parseToolCalls(json: Prisma.JsonValue): AssistantToolCall[] {
  const parsed = toolCallsSchema.safeParse(json);
  return parsed.success ? parsed.data : [];
}

const GUARDS = new Set(["answer-key", "safety"]);

export function toMessageView(row: MessageRow): ConversationMessageView {
  return {
    id: row.id,
    role: row.role,
    content: row.content,
    status: row.status,
    toolCalls: parseToolCalls(row.toolCalls),
    guard: row.guard && GUARDS.has(row.guard) ? (row.guard as ConversationMessageView["guard"]) : null,
    provider: row.provider,
    model: row.model,
    createdAt: row.createdAt,
  };
}

const visibleMessages = {
  where: { supersededAt: null },
  orderBy: [{ createdAt: "asc" }, { id: "asc" }],
} satisfies Prisma.Conversation$messagesArgs;

/** The actor's own conversation (not deleted); NOT_FOUND for anyone else's. */
export async function ownConversation(ctx: ServiceContext, conversationId: string) {
  const row = await ctx.db.conversation.findFirst({
    where: { id: conversationId, userId: ctx.actor.userId, deletedAt: null },
    select: conversationSummarySelect,
  });
  if (!row) throw notFound("Conversation");
  return row;
}

/** Whether the actor is responsible for the students of `classId`: its teacher, or an admin. */
async function overseesClass(ctx: ServiceContext, classId: string | null): Promise<boolean> {
  if (ctx.actor.role === "ADMIN") return true;
  if (ctx.actor.role !== "TEACHER" || !classId) return false;
  return (await ctx.db.class.count({ where: { id: classId, teacherId: ctx.actor.userId } })) > 0;
}

/** The actor's own conversations of one kind, newest first (the tutor's optionally of one class). */
export async function listConversations(
  ctx: ServiceContext,
  input: z.input<typeof conversationListInputSchema> = {},
): Promise<ConversationSummary[]> {
  const { kind, classId }: ConversationListInput = conversationListInputSchema.parse(input);
  const rows = await ctx.db.conversation.findMany({
    where: {
      userId: ctx.actor.userId,
      kind,
      deletedAt: null,
      ...(kind === "TUTOR" && classId ? { classId } : {}),
    },
    select: conversationSummarySelect,
    orderBy: [{ updatedAt: "desc" }, { id: "desc" }],
  });
  return rows.map(toSummary);
}

/**
 * One conversation with its visible messages, oldest first (a regenerated reply hides the one it
 * replaced). The owner's, or a tutor conversation read by the class's teacher or an admin (`own: false`).
 */
export async function getConversation(
  ctx: ServiceContext,
  input: { conversationId: string },
): Promise<ConversationDetail> {
  const row = await ctx.db.conversation.findFirst({
    where: { id: input.conversationId, deletedAt: null },
    select: { ...conversationSummarySelect, messages: { ...visibleMessages, select: conversationMessageSelect } },
  });
  if (!row) throw notFound("Conversation");
  const own = row.userId === ctx.actor.userId;
  if (!own && !(row.kind === "TUTOR" && (await overseesClass(ctx, row.classId)))) throw notFound("Conversation");
  return { ...toSummary(row), messages: row.messages.map(toMessageView), own };
}

export async function renameConversation(
  ctx: ServiceContext,
  input: { conversationId: string; title: string },
): Promise<ConversationSummary> {
  await ownConversation(ctx, input.conversationId);
  const row = await ctx.db.conversation.update({
    where: { id: input.conversationId },
    data: { title: input.title },
    select: conversationSummarySelect,
  });
  return toSummary(row);
}

/** Deletes the actor's conversation from their list; its rows stay (their tokens were spent). */
export async function deleteConversation(
  ctx: ServiceContext,
  input: { conversationId: string },
): Promise<{ id: string }> {
  await ownConversation(ctx, input.conversationId);
  await ctx.db.conversation.update({ where: { id: input.conversationId }, data: { deletedAt: new Date() } });
  return { id: input.conversationId };
}

/**
 * The tutor conversations of a class's students (optionally of one), newest first, for the class's
 * teacher or an admin; NOT_FOUND for anyone else, as for a class they cannot see.
 */
export async function listTutorConversations(
  ctx: ServiceContext,
  input: { classId: string; studentId?: string | undefined },
): Promise<ConversationSummary[]> {
  const exists = (await ctx.db.class.count({ where: { id: input.classId } })) > 0;
  if (!exists || !(await overseesClass(ctx, input.classId))) throw notFound("Class");
  const rows = await ctx.db.conversation.findMany({
    where: {
      kind: "TUTOR",
      classId: input.classId,
      deletedAt: null,
      ...(input.studentId ? { userId: input.studentId } : {}),
    },
    select: conversationSummarySelect,
    orderBy: [{ updatedAt: "desc" }, { id: "desc" }],
  });
  return rows.map(toSummary);
}
