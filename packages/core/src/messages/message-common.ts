// What every part of messaging shares: the roles that use it, the active-person filters and the
// one-line preview of a message.
import type { Prisma, Role } from "@toolboxai/db";
import { notFound } from "../errors";

const PREVIEW_LENGTH = 140;
/** Roles that use messaging. */
export const MESSAGING_ROLES: Role[] = ["ADMIN", "TEACHER", "STUDENT", "PARENT"];
export const activeUser = { active: true, deletedAt: null } satisfies Prisma.UserWhereInput;

export function preview(body: string): string {
  const flat = body.replace(/\s+/g, " ").trim();
  return flat.length > PREVIEW_LENGTH ? `${flat.slice(0, PREVIEW_LENGTH - 1)}…` : flat;
}

export const threadNotFound = () => notFound("Conversation");

/** A student of the class who is active, optionally one linked to the given (active) parent. */
export const activeStudent = (parentId?: string): Prisma.UserWhereInput => ({
  ...activeUser,
  ...(parentId ? { parents: { some: { parentId, parent: activeUser } } } : {}),
});
