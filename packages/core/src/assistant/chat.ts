// Sending a message to an assistant and streaming its reply; writing the last reply again. Every
// check happens before the first event, so a refusal is a DomainError the transport maps as usual:
// the teacher's assistant is for teachers and admins, the tutor for students in one of their own
// classes; a student under 13 needs a parent's consent; the organization's AI budget must have
// tokens left (the "roles that may generate" switch is about drafting content, not conversations).
// Then the person's message and an empty STREAMING reply are saved, and ./reply.ts streams it.
import type { ConversationTurn } from "@toolboxai/agents";
import {
  type AssistantStreamEvent,
  type SendAssistantMessageInput,
  sendAssistantMessageInputSchema,
} from "@toolboxai/validators";
import { assertAiBudget } from "../agents/budget";
import type { ServiceContext } from "../context";
import { conflict, fieldError, forbidden, notFound, preconditionFailed } from "../errors";
import { assertConsent } from "../privacy/consent";
import { loadOpenAnswerKeys } from "./answer-guard";
import { conversationMessageSelect, ownConversation, parseToolCalls, toMessageView } from "./conversations";
import {
  HISTORY_LIMIT,
  historyTurns,
  type TutorSetting,
  teacherSystemPrompt,
  titleFrom,
  tutorSystemPrompt,
} from "./prompts";
import { type AssistantDeps, type ReplyPlan, streamReply } from "./reply";
import { checkMinorSafety } from "./safety";
import { isRunningHere } from "./stops";
import { createTutorGuard, type TutorGuard } from "./tutor-guard";

export type { AssistantDeps } from "./reply";

type Kind = "TEACHER" | "TUTOR";

interface Setting {
  kind: Kind;
  classId: string | null;
  assignmentId: string | null;
  tutor: TutorSetting | null;
}

/** Who may talk to which assistant, and the tutor's class (one the student is enrolled in) and assignment. */
async function settingFor(
  ctx: ServiceContext,
  kind: Kind,
  classId: string | null | undefined,
  assignmentId: string | null | undefined,
): Promise<Setting> {
  const role = ctx.actor.role;
  if (kind === "TEACHER") {
    if (role !== "TEACHER" && role !== "ADMIN") throw forbidden("The assistant is for teachers and admins.");
    return { kind, classId: null, assignmentId: null, tutor: null };
  }
  if (role !== "STUDENT") throw forbidden("The tutor is for students.");
  if (!classId) throw fieldError("INVALID", "classId", "Choose the class to ask the tutor about.");
  const klass = await ctx.db.class.findFirst({
    where: { id: classId, archivedAt: null, enrollments: { some: { studentId: ctx.actor.userId } } },
    select: { name: true, subject: true, gradeLevel: true },
  });
  if (!klass) throw notFound("Class");
  let assignmentTitle: string | null = null;
  if (assignmentId) {
    const assignment = await ctx.db.assignment.findFirst({
      where: { id: assignmentId, classId },
      select: { content: { select: { title: true } } },
    });
    if (!assignment) throw notFound("Assignment");
    assignmentTitle = assignment.content.title;
  }
  return {
    kind,
    classId,
    assignmentId: assignmentId ?? null,
    tutor: { className: klass.name, subject: klass.subject, gradeLevel: klass.gradeLevel, assignmentTitle },
  };
}

/** The gates every reply passes: a parent's consent for a young student, then the AI budget. */
async function assertMayConverse(ctx: ServiceContext): Promise<void> {
  if (ctx.actor.role === "STUDENT") await assertConsent(ctx, ctx.actor.userId, "ai");
  await assertAiBudget(ctx);
}

/** The reply's row, empty and STREAMING until ./reply.ts saves it. */
function createReplyRow(ctx: ServiceContext, deps: AssistantDeps, conversationId: string) {
  return ctx.db.conversationMessage.create({
    data: {
      organizationId: ctx.actor.orgId,
      conversationId,
      role: "ASSISTANT",
      content: "",
      status: "STREAMING",
      provider: deps.model.name,
      model: deps.model.model,
      correlationId: ctx.correlationId ?? null,
    },
    select: { id: true },
  });
}

/** The system prompt, then the conversation's latest visible messages (ending with the person's message). */
async function turnsFor(ctx: ServiceContext, conversationId: string, setting: Setting): Promise<ConversationTurn[]> {
  const recent = await ctx.db.conversationMessage.findMany({
    where: { conversationId, supersededAt: null, status: { not: "STREAMING" } },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: HISTORY_LIMIT + 1,
    select: { role: true, content: true, toolCalls: true },
  });
  const history = recent.reverse().map((m) => ({ ...m, toolCalls: parseToolCalls(m.toolCalls) }));
  const system = setting.tutor ? tutorSystemPrompt(setting.tutor) : teacherSystemPrompt();
  return [{ role: "system", content: system }, ...historyTurns(history)];
}

/** The tutor's guard over the answer keys of the student's open attempts, loaded before anything is saved. */
async function guardFor(ctx: ServiceContext, setting: Setting): Promise<TutorGuard | null> {
  return setting.kind === "TUTOR" ? createTutorGuard(await loadOpenAnswerKeys(ctx)) : null;
}

/** The plan of a reply, from its first event: the turns (none when a guard already decided it) and the tutor's guard. */
function planOf(
  setting: Setting,
  turns: ConversationTurn[],
  guard: TutorGuard | null,
  started: ReplyPlan["started"],
  fixed: ReplyPlan["fixed"],
): ReplyPlan {
  const { conversationId, messageId } = started;
  return { conversationId, messageId, started, kind: setting.kind, turns, guard, fixed };
}

/**
 * Sends the person's message (starting a conversation without `conversationId`) and streams the
 * assistant's reply: `started`, text deltas and tool cards, then `done` (or `error`).
 */
export async function* streamAssistantReply(
  ctx: ServiceContext,
  deps: AssistantDeps,
  rawInput: SendAssistantMessageInput,
  signal?: AbortSignal,
): AsyncGenerator<AssistantStreamEvent> {
  const input = sendAssistantMessageInputSchema.parse(rawInput);
  const existing = input.conversationId ? await ownConversation(ctx, input.conversationId) : null;
  const setting = existing
    ? await settingFor(ctx, existing.kind, existing.classId, existing.assignmentId)
    : await settingFor(ctx, input.kind, input.classId, input.assignmentId);
  await assertMayConverse(ctx);
  // A tutor conversation starts on the rule for minors: an unsafe message is answered without the model.
  const safety = setting.kind === "TUTOR" ? checkMinorSafety(input.content) : ({ safe: true } as const);
  const guard = await guardFor(ctx, setting);

  const conversationId =
    existing?.id ??
    (
      await ctx.db.conversation.create({
        data: {
          organizationId: ctx.actor.orgId,
          userId: ctx.actor.userId,
          kind: setting.kind,
          title: titleFrom(input.content),
          classId: setting.classId,
          assignmentId: setting.assignmentId,
        },
        select: { id: true },
      })
    ).id;
  const userMessage = await ctx.db.conversationMessage.create({
    data: { organizationId: ctx.actor.orgId, conversationId, role: "USER", content: input.content },
    select: conversationMessageSelect,
  });
  const fixed = safety.safe ? undefined : { content: safety.reply, guard: "safety" as const };
  const turns = fixed ? [] : await turnsFor(ctx, conversationId, setting);
  const reply = await createReplyRow(ctx, deps, conversationId);
  const started = {
    type: "started",
    conversationId,
    userMessage: toMessageView(userMessage),
    messageId: reply.id,
    provider: deps.model.name,
    model: deps.model.model,
  } as const;
  yield* streamReply(ctx, deps, planOf(setting, turns, guard, started, fixed), signal);
}

/**
 * Writes the last reply of the actor's own conversation again: the old reply is hidden (its
 * tokens still count) and a new one streams to the last message the person sent.
 */
export async function* streamRegeneratedReply(
  ctx: ServiceContext,
  deps: AssistantDeps,
  input: { conversationId: string },
  signal?: AbortSignal,
): AsyncGenerator<AssistantStreamEvent> {
  const conversation = await ownConversation(ctx, input.conversationId);
  const setting = await settingFor(ctx, conversation.kind, conversation.classId, conversation.assignmentId);
  const visible = { conversationId: conversation.id, supersededAt: null };
  const lastUser = await ctx.db.conversationMessage.findFirst({
    where: { ...visible, role: "USER" },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    select: { id: true, content: true, createdAt: true },
  });
  if (!lastUser) throw preconditionFailed("There is no message to answer yet.");
  const lastReply = await ctx.db.conversationMessage.findFirst({
    where: { ...visible, role: "ASSISTANT", createdAt: { gte: lastUser.createdAt } },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    select: { id: true },
  });
  if (lastReply && isRunningHere(lastReply.id)) throw conflict("The reply is still being written: stop it first.");
  await assertMayConverse(ctx);

  if (lastReply) {
    await ctx.db.conversationMessage.update({ where: { id: lastReply.id }, data: { supersededAt: new Date() } });
  }
  const safety = setting.kind === "TUTOR" ? checkMinorSafety(lastUser.content) : ({ safe: true } as const);
  const guard = await guardFor(ctx, setting);
  const fixed = safety.safe ? undefined : { content: safety.reply, guard: "safety" as const };
  const turns = fixed ? [] : await turnsFor(ctx, conversation.id, setting);
  const reply = await createReplyRow(ctx, deps, conversation.id);
  const started = {
    type: "started",
    conversationId: conversation.id,
    userMessage: null,
    messageId: reply.id,
    provider: deps.model.name,
    model: deps.model.model,
  } as const;
  yield* streamReply(ctx, deps, planOf(setting, turns, guard, started, fixed), signal);
}
