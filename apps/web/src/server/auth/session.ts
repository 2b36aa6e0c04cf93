// Server-side access to the current actor for pages and layouts.
import "server-only";
import { type Actor, loadActor } from "@toolboxai/core";
import type { Role } from "@toolboxai/db";
import { forbidden, redirect } from "next/navigation";
import { getServerSession } from "next-auth";
import { cache } from "react";
import { getDb } from "~/server/db";
import { authOptions } from "./options";

/**
 * Who this request's session cookie belongs to, or null. next-auth's jwt callback has already
 * refused a revoked, expired or idle session (see ./options.ts), so every caller agrees.
 */
export async function sessionUser(): Promise<{ userId: string; sessionId: string | undefined } | null> {
  const session = await getServerSession(authOptions);
  return session?.user?.id ? { userId: session.user.id, sessionId: session.sessionId } : null;
}

/** The signed-in, active actor for this request, or null. Cached per request. */
export const getActor = cache(async (): Promise<Actor | null> => {
  const session = await sessionUser();
  if (!session) return null;
  const actor = await loadActor(getDb(), session.userId);
  return actor && session.sessionId ? { ...actor, sessionId: session.sessionId } : actor;
});

/** For pages: sends anonymous visitors to sign in and other roles to the 403 page. */
export async function requireRole(...roles: Role[]): Promise<Actor> {
  const actor = await getActor();
  if (!actor) redirect("/signin");
  if (roles.length > 0 && !roles.includes(actor.role)) forbidden();
  return actor;
}
