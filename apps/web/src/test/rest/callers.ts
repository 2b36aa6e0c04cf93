// Who makes an operation's allowed call in the suites: an API key where a role allowed to call
// it may hold one (the teacher's when every scope it needs is a teacher's, else the admin's),
// otherwise that role's app access token; nobody for public operations.
import type { Role } from "@toolboxai/db";
import { apiScopesFor } from "@toolboxai/validators";
import type { Case } from "./cases";
import { ANONYMOUS, type Credential } from "./client";
import type { DocOperation } from "./document";
import type { RestWorld } from "./world";

export const TEACHER_SCOPES: readonly string[] = apiScopesFor("TEACHER");

export type Caller = { kind: "anonymous" } | { kind: "key"; role: "ADMIN" | "TEACHER" } | { kind: "token"; role: Role };

export function successCaller(op: DocOperation, c: Case): Caller {
  if (op.isPublic) return { kind: "anonymous" };
  const teacherKey = c.allowed.includes("TEACHER") && op.scopes.every((s) => TEACHER_SCOPES.includes(s));
  if (op.acceptsKeys && teacherKey) return { kind: "key", role: "TEACHER" };
  if (op.acceptsKeys && c.allowed.includes("ADMIN")) return { kind: "key", role: "ADMIN" };
  return { kind: "token", role: c.allowed[0] as Role };
}

export function credentialFor(rw: RestWorld, caller: Caller): Credential {
  if (caller.kind === "anonymous") return ANONYMOUS;
  return caller.kind === "key" ? rw.keys[caller.role] : rw.tokens[caller.role];
}
