export { createDatabase, getDatabase, getDb, openConnection } from "./client";
export type { Database, DatabaseHandle, DatabaseKind, DatabaseTarget } from "./client";
export { readDbEnv } from "./env";
export { hashPassword, verifyPassword, dummyPasswordHash } from "./passwords";
export { Prisma } from "./generated/prisma/client";
export { PlanTier, Role } from "./generated/prisma/enums";
export type { Organization, User, AuditLog, ActivityEvent, ParentStudentLink } from "./generated/prisma/client";
export { scopeToOrganization, TENANT_MODELS } from "./tenancy";
export type { ScopedDatabase } from "./tenancy";
