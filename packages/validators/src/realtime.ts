// Realtime channels and events: the names both the server (publisher, auth endpoint) and the
// browser (subscriptions) use. Every channel is scoped to an organization, a user or a class, so
// the auth endpoint can decide who may subscribe from the name alone.
import { z } from "zod";
import { agentTaskStatusSchema } from "./agents";

export const orgTopics = ["dashboard", "content-generation", "agent-status"] as const;
export type OrgTopic = (typeof orgTopics)[number];

export const channels = {
  /** Counters on the organization's dashboards (any member of the organization). */
  orgDashboard: (orgId: string) => `private-org-${orgId}-dashboard`,
  /** Every generation task's progress in the organization (teachers and admins). */
  orgContentGeneration: (orgId: string) => `private-org-${orgId}-content-generation`,
  /** The agents' health: breaker, queue (teachers and admins). */
  orgAgentStatus: (orgId: string) => `private-org-${orgId}-agent-status`,
  /** One user's own events: their tasks' progress, new messages, grades. */
  user: (userId: string) => `private-user-${userId}`,
  /** Who is looking at a class right now (its teacher, enrolled students, admins). */
  classPresence: (classId: string) => `presence-class-${classId}`,
} as const;

// Ids are cuids (lower-case letters and digits), so a channel name parses back unambiguously.
const ID = "([a-z0-9]{1,64})";
const ORG_CHANNEL = new RegExp(`^private-org-${ID}-(${orgTopics.join("|")})$`);
const USER_CHANNEL = new RegExp(`^private-user-${ID}$`);
const CLASS_CHANNEL = new RegExp(`^presence-class-${ID}$`);

export type ParsedChannel =
  | { kind: "org"; orgId: string; topic: OrgTopic }
  | { kind: "user"; userId: string }
  | { kind: "class"; classId: string };

/** What a channel name is about, or null for a name the app never uses (always refused). */
export function parseChannel(name: string): ParsedChannel | null {
  const org = ORG_CHANNEL.exec(name);
  if (org) return { kind: "org", orgId: org[1] as string, topic: org[2] as OrgTopic };
  const user = USER_CHANNEL.exec(name);
  if (user) return { kind: "user", userId: user[1] as string };
  const cls = CLASS_CHANNEL.exec(name);
  if (cls) return { kind: "class", classId: cls[1] as string };
  return null;
}

export const realtimeEvents = {
  taskProgress: "task.progress",
  messageCreated: "message.created",
  gradeReleased: "grade.released",
  dashboardChanged: "dashboard.changed",
  agentStatusChanged: "agent-status.changed",
} as const;

/** On `private-user-{teacher}` and `private-org-{org}-content-generation`. */
export const taskProgressEventSchema = z.object({
  taskId: z.string(),
  status: agentTaskStatusSchema,
  progress: z.number().int().min(0).max(100),
  currentStep: z.string().nullable(),
});
export type TaskProgressEventData = z.infer<typeof taskProgressEventSchema>;

/** On `private-user-{recipient}`: a message arrived in one of their threads. */
export const messageCreatedEventSchema = z.object({
  threadId: z.string(),
  messageId: z.string(),
  from: z.string(),
  preview: z.string().max(140),
});
export type MessageCreatedEventData = z.infer<typeof messageCreatedEventSchema>;

/** On `private-user-{student}`: a quiz attempt was graded. */
export const gradeReleasedEventSchema = z.object({
  attemptId: z.string(),
  assignmentId: z.string(),
  title: z.string(),
  /** Percent, when the attempt has a score. */
  score: z.number().nullable(),
});
export type GradeReleasedEventData = z.infer<typeof gradeReleasedEventSchema>;

/** On `private-org-{org}-dashboard`: something the dashboards count changed. */
export const dashboardChangedEventSchema = z.object({
  what: z.enum(["submissions", "enrollments", "content", "tasks", "users", "metrics"]),
});
export type DashboardChangedEventData = z.infer<typeof dashboardChangedEventSchema>;

/**
 * On `private-org-{org}-agent-status`: one of the organization's generation tasks was queued,
 * started, retried or finished, so the queue counts (and, when a model call failed, the circuit
 * breaker) may have changed. Pages showing the agents' status re-read it.
 */
export const agentStatusChangedEventSchema = z.object({
  taskId: z.string(),
  status: agentTaskStatusSchema,
});
export type AgentStatusChangedEventData = z.infer<typeof agentStatusChangedEventSchema>;

/** What the browser needs to connect (no secret). Null when realtime is off: the UI polls. */
export const realtimeClientConfigSchema = z
  .object({
    key: z.string(),
    cluster: z.string(),
    /** Set for a self-hosted, Pusher-compatible server (apps/realtime); unset for Pusher's cloud. */
    wsHost: z.string().optional(),
    wsPort: z.number().int().optional(),
    forceTLS: z.boolean(),
  })
  .nullable();
export type RealtimeClientConfig = z.infer<typeof realtimeClientConfigSchema>;
