// The organization's AI controls: its daily token budget (prompt and completion tokens of every
// model call started in the UTC day, as AgentExecution rows record them for the agents and
// ConversationMessage rows for the assistants' replies) and the roles that may
// start a generation. Asking for a generation is refused once the budget is used up; tasks
// already queued or running are refused at their next model call, through the `budget` gate the
// agents' runtime takes (`aiBudgetGate`), with the same message.
import type { BudgetGate } from "@toolboxai/agents";
import { type Database, type Role, scopeToOrganization } from "@toolboxai/db";
import { recordAudit } from "../audit/audit";
import type { ServiceContext } from "../context";
import { addDays, utcDay } from "../days";
import { DomainError, forbidden } from "../errors";

type BudgetDb = Pick<ServiceContext["db"], "agentExecution" | "conversationMessage" | "organization">;

export interface AiBudgetState {
  /** Tokens per UTC day; null: no budget. */
  budget: number | null;
  /** Tokens used since today's UTC midnight. */
  used: number;
  /** The next UTC midnight. */
  resetsAt: Date;
  exhausted: boolean;
}

/**
 * Prompt and completion tokens of the organization's model calls started since `since`: the
 * agents' steps and the assistants' replies (a regenerated or deleted one still counts: its tokens were spent).
 */
export async function tokensSince(db: BudgetDb, organizationId: string, since: Date): Promise<number> {
  const [agents, chat] = await Promise.all([
    db.agentExecution.aggregate({
      where: { organizationId, startedAt: { gte: since } },
      _sum: { promptTokens: true, completionTokens: true },
    }),
    db.conversationMessage.aggregate({
      where: { organizationId, createdAt: { gte: since } },
      _sum: { promptTokens: true, completionTokens: true },
    }),
  ]);
  const sum = (s: { promptTokens: number | null; completionTokens: number | null }) =>
    (s.promptTokens ?? 0) + (s.completionTokens ?? 0);
  return sum(agents._sum) + sum(chat._sum);
}

/** Today's tokens against the organization's budget. */
export async function aiBudgetState(
  db: BudgetDb,
  organizationId: string,
  now: Date = new Date(),
): Promise<AiBudgetState> {
  const org = await db.organization.findUnique({
    where: { id: organizationId },
    select: { aiDailyTokenBudget: true },
  });
  const today = utcDay(now);
  const resetsAt = addDays(today, 1);
  const budget = org?.aiDailyTokenBudget ?? null;
  const used = await tokensSince(db, organizationId, today);
  return { budget, used, resetsAt, exhausted: budget !== null && used >= budget };
}

const tokensFormat = new Intl.NumberFormat("en-US");

/** What a teacher (and the task's error) reads once the budget is used up. */
export function budgetExhaustedMessage(budget: number, resetsAt: Date): string {
  const when = `${resetsAt.toISOString().slice(0, 16).replace("T", " ")} UTC`;
  return `Your organization's daily AI budget of ${tokensFormat.format(budget)} tokens is used up for today. It resets at midnight UTC (${when}); ask an admin to raise the budget in Settings if you need more today.`;
}

/** Refuses a generation (or a retry) while today's tokens have reached the budget. */
export async function assertAiBudget(ctx: ServiceContext, now: Date = new Date()): Promise<void> {
  const state = await aiBudgetState(ctx.db, ctx.actor.orgId, now);
  if (state.exhausted && state.budget !== null) {
    await recordAudit(ctx, {
      action: "ai.generation_refused",
      metadata: { reason: "budget", budget: state.budget, used: state.used },
    });
    const retryAfterSeconds = Math.max(1, Math.ceil((state.resetsAt.getTime() - now.getTime()) / 1000));
    throw new DomainError("TOO_MANY_REQUESTS", budgetExhaustedMessage(state.budget, state.resetsAt), {
      retryAfterSeconds,
    });
  }
}

const ROLE_NAMES: Record<Role, string> = {
  ADMIN: "admins",
  TEACHER: "teachers",
  STUDENT: "students",
  PARENT: "parents",
};

/** Refuses a generation to a role the organization's settings do not let generate. */
export async function assertMayGenerate(ctx: ServiceContext): Promise<void> {
  const org = await ctx.db.organization.findUnique({
    where: { id: ctx.actor.orgId },
    select: { aiGenerateRoles: true },
  });
  const roles = org?.aiGenerateRoles ?? [];
  if (!roles.includes(ctx.actor.role)) {
    await recordAudit(ctx, { action: "ai.generation_refused", metadata: { reason: "role", role: ctx.actor.role } });
    throw forbidden(
      `Your organization has turned off AI generation for ${ROLE_NAMES[ctx.actor.role]}. An admin can allow it in Settings.`,
    );
  }
}

/**
 * The agents' budget gate (`createAgentRuntime({ budget: aiBudgetGate(db) })`): before each
 * model call of a task, the refusal message when its organization's budget is used up.
 */
export function aiBudgetGate(db: Database, now: () => Date = () => new Date()): BudgetGate {
  return async (task) => {
    const scoped = scopeToOrganization(db, task.organizationId);
    const state = await aiBudgetState(scoped, task.organizationId, now());
    return state.exhausted && state.budget !== null ? budgetExhaustedMessage(state.budget, state.resetsAt) : null;
  };
}
