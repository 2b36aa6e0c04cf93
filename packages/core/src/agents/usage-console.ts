// The admin panel's task console: every generation task of the organization (whoever asked for
// it), by tab (waiting, running, failed, ...), with who requested it and the tokens it used; and
// the circuit breaker of each process that runs tasks. Retry and cancel are the agents router's
// own procedures (an admin may act on anyone's task there).
import type { AgentRuntime } from "@toolboxai/agents";
import type { Prisma } from "@toolboxai/db";
import {
  type AgentTaskStatus,
  type AiBreakers,
  type AiTaskFilter,
  type AiTaskList,
  aiTaskFilters,
  aiTaskListInputSchema,
} from "@toolboxai/validators";
import type { z } from "zod";
import type { ServiceContext } from "../context";
import { summarySelect, toSummary } from "./tasks";

/** The statuses each tab of the console holds. */
export const AI_TASK_FILTER_STATUSES: Record<AiTaskFilter, AgentTaskStatus[] | null> = {
  all: null,
  waiting: ["QUEUED", "RETRYING"],
  running: ["PROCESSING"],
  failed: ["FAILED"],
  completed: ["COMPLETED"],
  cancelled: ["CANCELLED"],
};

const consoleSelect = {
  ...summarySelect,
  createdBy: { select: { id: true, name: true, email: true, role: true } },
} satisfies Prisma.AgentTaskSelect;

/** The organization's tasks, newest first, whoever asked for them (admins only: see the router). */
export async function aiTaskConsole(
  ctx: ServiceContext,
  input: z.input<typeof aiTaskListInputSchema> = {},
): Promise<AiTaskList> {
  const { status, cursor, limit } = aiTaskListInputSchema.parse(input);
  const statuses = AI_TASK_FILTER_STATUSES[status];
  const [rows, grouped] = await Promise.all([
    ctx.db.agentTask.findMany({
      where: statuses ? { status: { in: statuses } } : {},
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: limit + 1,
      ...(cursor ? { cursor: { id: cursor }, skip: 1 } : {}),
      select: consoleSelect,
    }),
    ctx.db.agentTask.groupBy({ by: ["status"], _count: { _all: true } }),
  ]);
  const page = rows.slice(0, limit);
  const sums = page.length
    ? await ctx.db.agentExecution.groupBy({
        by: ["taskId"],
        where: { taskId: { in: page.map((r) => r.id) } },
        _sum: { promptTokens: true, completionTokens: true },
      })
    : [];
  const tokensOf = new Map(
    sums.map((s) => [s.taskId, (s._sum.promptTokens ?? 0) + (s._sum.completionTokens ?? 0)] as const),
  );
  const perStatus = new Map(grouped.map((g) => [g.status, g._count._all] as const));
  const counts = Object.fromEntries(
    aiTaskFilters.map((f) => {
      const wanted = AI_TASK_FILTER_STATUSES[f];
      const n = wanted
        ? wanted.reduce((total, s) => total + (perStatus.get(s) ?? 0), 0)
        : [...perStatus.values()].reduce((a, b) => a + b, 0);
      return [f, n];
    }),
  ) as AiTaskList["counts"];
  return {
    items: page.map((row) => ({
      ...toSummary(row),
      requestedBy: row.createdBy,
      tokens: tokensOf.get(row.id) ?? 0,
    })),
    nextCursor: rows.length > limit ? (page.at(-1)?.id ?? null) : null,
    counts,
  };
}

/** `role:host:pid`, split; a host name may itself hold colons (IPv6), the pid is last. */
function splitProcessName(name: string): { host: string; pid: string } {
  const parts = name.split(":");
  if (parts.length < 3) return { host: name, pid: "" };
  return { host: parts.slice(1, -1).join(":"), pid: parts.at(-1) ?? "" };
}

/**
 * The circuit breaker of each process that runs tasks, as they report it on the breaker board
 * (every 10 seconds; one silent for 30 seconds drops off), with when each last reported.
 */
export async function aiWorkerBreakers(runtime: Pick<AgentRuntime, "status">): Promise<AiBreakers> {
  const status = await runtime.status();
  return {
    breaker: status.breaker,
    queue: status.queue,
    processes:
      status.processes?.map((p) => ({
        name: p.name,
        role: p.role,
        ...splitProcessName(p.name),
        breaker: p.breaker,
        lastSeenAt: typeof p.reportedAt === "number" ? new Date(p.reportedAt) : null,
      })) ?? null,
  };
}
