// The organization's model usage for the admin panel's AI page: calls and tokens per UTC day and
// per person who asked for the tasks (teachers, and admins who generate) or talked to an
// assistant, and today's tokens against the daily budget. Counted from the AgentExecution rows
// (one per step of a task, with the step's calls and tokens), by the day the step started, and
// from the assistants' replies (ConversationMessage rows: one call each, by the day it was
// written, for the conversation's owner), as the budget counts them.
import { Prisma } from "@toolboxai/db";
import { type AiUsage, aiUsageInputSchema, generateRoleSchema } from "@toolboxai/validators";
import type { z } from "zod";
import type { ServiceContext } from "../context";
import { addDays, dayKey, utcDay } from "../days";
import { aiBudgetState } from "./budget";

interface Sums {
  calls: bigint | number | null;
  prompt: bigint | number | null;
  completion: bigint | number | null;
}

function counts(row: Sums | undefined) {
  const promptTokens = Number(row?.prompt ?? 0);
  const completionTokens = Number(row?.completion ?? 0);
  return { calls: Number(row?.calls ?? 0), promptTokens, completionTokens, tokens: promptTokens + completionTokens };
}

export async function aiUsage(
  ctx: ServiceContext,
  input: z.input<typeof aiUsageInputSchema> = {},
  deps: { now?: Date } = {},
): Promise<AiUsage> {
  const { days } = aiUsageInputSchema.parse(input);
  const now = deps.now ?? new Date();
  const org = ctx.actor.orgId;
  const from = addDays(utcDay(now), -(days - 1));
  // Raw SQL bypasses the tenant extension: the organization is filtered here.
  const [perDay, perPerson, budget, settings] = await Promise.all([
    ctx.db.$queryRaw<(Sums & { day: Date })[]>(Prisma.sql`
      SELECT x.day, sum(x.calls)::bigint AS calls, sum(x.prompt)::bigint AS prompt,
             sum(x.completion)::bigint AS completion
      FROM (
        SELECT date_trunc('day', e."startedAt") AS day, e."calls" AS calls,
               e."promptTokens" AS prompt, e."completionTokens" AS completion
        FROM "AgentExecution" e
        WHERE e."organizationId" = ${org} AND e."startedAt" >= ${from}
        UNION ALL
        SELECT date_trunc('day', m."createdAt"), 1, m."promptTokens", m."completionTokens"
        FROM "ConversationMessage" m
        WHERE m."organizationId" = ${org} AND m."createdAt" >= ${from} AND m."role" = 'ASSISTANT'
      ) x
      GROUP BY 1`),
    ctx.db.$queryRaw<(Sums & { user_id: string; name: string; email: string; role: string; tasks: bigint })[]>(
      Prisma.sql`
      SELECT u."id" AS user_id, u."name", u."email", u."role"::text AS role, sum(x.tasks)::bigint AS tasks,
             sum(x.calls)::bigint AS calls, sum(x.prompt)::bigint AS prompt, sum(x.completion)::bigint AS completion
      FROM (
        SELECT t."createdById" AS user_id, count(DISTINCT t."id") AS tasks, sum(e."calls") AS calls,
               sum(e."promptTokens") AS prompt, sum(e."completionTokens") AS completion
        FROM "AgentExecution" e
        JOIN "AgentTask" t ON t."id" = e."taskId" AND t."organizationId" = ${org}
        WHERE e."organizationId" = ${org} AND e."startedAt" >= ${from}
        GROUP BY t."createdById"
        UNION ALL
        SELECT c."userId", 0, count(*), sum(m."promptTokens"), sum(m."completionTokens")
        FROM "ConversationMessage" m
        JOIN "Conversation" c ON c."id" = m."conversationId" AND c."organizationId" = ${org}
        WHERE m."organizationId" = ${org} AND m."createdAt" >= ${from} AND m."role" = 'ASSISTANT'
        GROUP BY c."userId"
      ) x
      JOIN "User" u ON u."id" = x.user_id
      GROUP BY u."id", u."name", u."email", u."role"`,
    ),
    aiBudgetState(ctx.db, org, now),
    ctx.db.organization.findUnique({ where: { id: org }, select: { aiGenerateRoles: true } }),
  ]);
  const byDay = new Map(perDay.map((d) => [dayKey(new Date(d.day)), d]));
  const series = Array.from({ length: days }, (_, i) => {
    const day = dayKey(addDays(from, i));
    return { day, ...counts(byDay.get(day)) };
  });
  const today = series.at(-1) ?? { day: dayKey(now), ...counts(undefined) };
  const teachers = perPerson
    .map((p) => ({
      userId: p.user_id,
      name: p.name,
      email: p.email,
      role: p.role as AiUsage["teachers"][number]["role"],
      tasks: Number(p.tasks),
      ...counts(p),
    }))
    .sort((a, b) => b.tokens - a.tokens || a.name.localeCompare(b.name));
  return {
    days: series,
    teachers,
    today: {
      calls: today.calls,
      promptTokens: today.promptTokens,
      completionTokens: today.completionTokens,
      tokens: today.tokens,
    },
    budget: budget.budget,
    remaining: budget.budget === null ? null : Math.max(0, budget.budget - budget.used),
    exhausted: budget.exhausted,
    resetsAt: budget.resetsAt,
    generateRoles: (settings?.aiGenerateRoles ?? []).filter(
      (r) => generateRoleSchema.safeParse(r).success,
    ) as AiUsage["generateRoles"],
  };
}
