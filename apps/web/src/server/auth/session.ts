// Server-side access to the current actor for pages and layouts.
import "server-only";
import { type Actor, loadActor } from "@toolboxai/core";
import type { Role } from "@toolboxai/db";
import { forbidden, redirect } from "next/navigation";
import { getServerSession } from "next-auth";
import { cache } from "react";
import { getDb } from "~/server/db";
import { authOptions } from "./options";

/** The signed-in, active actor for this request, or null. Cached per request. */
export const getActor = cache(async (): Promise<Actor | null> => {
  const session = await getServerSession(authOptions);
  if (!session?.user?.id) return null;
  return loadActor(getDb(), session.user.id);
});

/** For pages: sends anonymous visitors to sign in and other roles to the 403 page. */
export async function requireRole(...roles: Role[]): Promise<Actor> {
  const actor = await getActor();
  if (!actor) redirect("/signin");
  if (roles.length > 0 && !roles.includes(actor.role)) forbidden();
  return actor;
}
