export type { Database, DatabaseHandle, DatabaseKind, DatabaseTarget } from "./client";
export { createDatabase, getDatabase, getDb, openConnection } from "./client";
export { readDbEnv } from "./env";
export type { ActivityEvent, AuditLog, Organization, ParentStudentLink, User } from "./generated/prisma/client";
export { Prisma } from "./generated/prisma/client";
export {
  AttemptStatus,
  ContentStatus,
  ContentType,
  PlanTier,
  QuestionType,
  Role,
  ShareAccess,
  ThreadKind,
} from "./generated/prisma/enums";
export { dummyPasswordHash, hashPassword, verifyPassword } from "./passwords";
export { DERIVED_METRICS, rebuildMetricRollups, TOTALS_DAY } from "./rollups";
export type { ScopedDatabase } from "./tenancy";
export { scopeToOrganization, TENANT_MODELS } from "./tenancy";
