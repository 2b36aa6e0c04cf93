// The admin panel's AI page: the organization's model usage (per UTC day and per teacher) against
// its daily token budget, the console of its generation tasks, and the circuit breaker of each
// process that runs them. One schema per shape, for the router and the page.
import { z } from "zod";
import { agentTaskSummarySchema } from "./agents";
import { isoDate, queryNumber, roleSchema } from "./common";
import { generateRoleSchema } from "./organization";
import { textSchema } from "./text";

/** How many UTC days the usage covers, today included. */
export const aiUsageInputSchema = z.object({
  days: queryNumber(z.number().int().min(1).max(90)).default(30),
});
export type AiUsageInput = z.input<typeof aiUsageInputSchema>;

const tokenCountsSchema = z.object({
  /** Model calls (retries and repair rounds included; cached answers make none). */
  calls: z.number().int(),
  promptTokens: z.number().int(),
  completionTokens: z.number().int(),
  /** Prompt and completion tokens: what the daily budget counts. */
  tokens: z.number().int(),
});

export const aiUsageDaySchema = tokenCountsSchema.extend({
  /** The UTC day, `YYYY-MM-DD`. */
  day: z.string(),
});
export type AiUsageDay = z.infer<typeof aiUsageDaySchema>;

export const aiUsageTeacherSchema = tokenCountsSchema.extend({
  userId: z.string(),
  name: z.string(),
  email: z.string(),
  role: roleSchema,
  /** Generation tasks of theirs with model calls in the period. */
  tasks: z.number().int(),
});
export type AiUsageTeacher = z.infer<typeof aiUsageTeacherSchema>;

export const aiUsageSchema = z.object({
  /** Oldest first, today (UTC) last; a day without calls is there with zeros. */
  days: z.array(aiUsageDaySchema),
  /** Who asked for the tasks whose model calls these were; most tokens first. */
  teachers: z.array(aiUsageTeacherSchema),
  today: tokenCountsSchema,
  /** Tokens per UTC day the organization may use; null: no budget. */
  budget: z.number().int().nullable(),
  /** Tokens left today; null without a budget. */
  remaining: z.number().int().nullable(),
  /** Whether today's tokens have reached the budget (generation is refused until `resetsAt`). */
  exhausted: z.boolean(),
  /** The next UTC midnight, when today's count starts again. */
  resetsAt: isoDate(),
  /** The roles that may start a generation (the Settings page changes them). */
  generateRoles: z.array(generateRoleSchema),
});
export type AiUsage = z.infer<typeof aiUsageSchema>;

/** The console's tabs: waiting is QUEUED or RETRYING, running is PROCESSING. */
export const aiTaskFilters = ["all", "waiting", "running", "failed", "completed", "cancelled"] as const;
export const aiTaskFilterSchema = z.enum(aiTaskFilters);
export type AiTaskFilter = z.infer<typeof aiTaskFilterSchema>;

export const aiTaskListInputSchema = z.object({
  status: aiTaskFilterSchema.default("all"),
  cursor: textSchema.max(200).nullish(),
  limit: queryNumber(z.number().int().min(1).max(50)).default(20),
});
export type AiTaskListInput = z.input<typeof aiTaskListInputSchema>;

export const aiTaskSchema = agentTaskSummarySchema.extend({
  requestedBy: z.object({ id: z.string(), name: z.string(), email: z.string(), role: roleSchema }),
  /** Tokens its model calls used so far. */
  tokens: z.number().int(),
});
export type AiTask = z.infer<typeof aiTaskSchema>;

export const aiTaskListSchema = z.object({
  items: z.array(aiTaskSchema),
  nextCursor: z.string().nullable(),
  /** How many of the organization's tasks each tab holds. */
  counts: z.object({
    all: z.number().int(),
    waiting: z.number().int(),
    running: z.number().int(),
    failed: z.number().int(),
    completed: z.number().int(),
    cancelled: z.number().int(),
  }),
});
export type AiTaskList = z.infer<typeof aiTaskListSchema>;

export const aiBreakerStateSchema = z.enum(["closed", "open", "half-open"]);

export const aiWorkerProcessSchema = z.object({
  /** `role:host:pid`, as the process reports itself on the breaker board. */
  name: z.string(),
  role: z.enum(["web", "worker"]),
  host: z.string(),
  pid: z.string(),
  /** Its circuit breaker: closed (calls go through), open (calls paused), half-open (testing). */
  breaker: aiBreakerStateSchema,
  /** When it last reported (a heartbeat every 10 seconds); null when unknown. */
  lastSeenAt: isoDate().nullable(),
});
export type AiWorkerProcess = z.infer<typeof aiWorkerProcessSchema>;

export const aiBreakersSchema = z.object({
  /** The worst state among the processes. */
  breaker: aiBreakerStateSchema,
  queue: z.enum(["in-process", "bullmq"]),
  /** Null when the breaker board could not be read (Redis unreachable). */
  processes: z.array(aiWorkerProcessSchema).nullable(),
});
export type AiBreakers = z.infer<typeof aiBreakersSchema>;
