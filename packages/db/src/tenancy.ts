// Tenant scoping, done once: a client extension that confines every query on an
// organization-owned model to one organization. Reads and bulk writes get
// `organizationId` added to their `where`; creates get it set on their `data`, so a
// service can neither read nor write another tenant's rows by forgetting a filter.
import type { Database } from "./client";
import type { Prisma } from "./generated/prisma/client";

/** Models that carry `organizationId`. A test fails when a model with that field is missing here. */
export const TENANT_MODELS = [
  "User",
  "Session",
  "PasswordResetToken",
  "ParentStudentLink",
  "AuditLog",
  "ActivityEvent",
  "Class",
  "Enrollment",
  "ContentItem",
  "ContentVersion",
  "Question",
  "QuizQuestion",
  "Assignment",
  "Attempt",
  "AttemptAnswer",
  "LessonProgress",
  "MessageThread",
  "ThreadParticipant",
  "Message",
  "AgentTask",
  "AgentExecution",
  "ApiKey",
  "ApiKeyUsage",
  "RefreshToken",
  "MetricDaily",
  "ActiveUserDay",
  "School",
  "ImportJob",
  "ParentalConsent",
  "DataExport",
  "ErasureRequest",
  "Conversation",
  "ConversationMessage",
] as const satisfies readonly Prisma.ModelName[];
const tenantModels = new Set<string>(TENANT_MODELS);

const WHERE_OPERATIONS = new Set([
  "findUnique",
  "findUniqueOrThrow",
  "findFirst",
  "findFirstOrThrow",
  "findMany",
  "count",
  "aggregate",
  "groupBy",
  "update",
  "updateMany",
  "updateManyAndReturn",
  "delete",
  "deleteMany",
  "upsert",
]);

type Args = Record<string, unknown>;

function withOrganization(operation: string, args: Args, organizationId: string): Args {
  const next: Args = { ...args };
  if (WHERE_OPERATIONS.has(operation)) {
    next.where = { ...((args.where as Args | undefined) ?? {}), organizationId };
  }
  if (operation === "create" || operation === "upsert") {
    const key = operation === "create" ? "data" : "create";
    next[key] = { ...((args[key] as Args | undefined) ?? {}), organizationId };
  }
  if (operation === "createMany" || operation === "createManyAndReturn") {
    const data = args.data as Args | Args[];
    next.data = Array.isArray(data) ? data.map((d) => ({ ...d, organizationId })) : { ...data, organizationId };
  }
  return next;
}

export function scopeToOrganization(db: Database, organizationId: string) {
  return db.$extends({
    name: "tenant-scope",
    query: {
      $allModels: {
        $allOperations({ model, operation, args, query }) {
          if (!tenantModels.has(model)) return query(args);
          // Prisma's per-operation argument types cannot be expressed for $allModels; the
          // rewritten args keep the operation's shape and only add organizationId.
          return query(withOrganization(operation, args as Args, organizationId) as typeof args);
        },
      },
    },
  });
}

export type ScopedDatabase = ReturnType<typeof scopeToOrganization>;
