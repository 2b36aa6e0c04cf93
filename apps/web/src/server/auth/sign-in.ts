// The credentials check behind next-auth's sign-in form: who the person is, from what address.
import "server-only";
import { authenticate } from "@toolboxai/core";
import type { User } from "next-auth";
import { getDb } from "~/server/db";

function header(headers: Record<string, unknown> | undefined, name: string): string | undefined {
  const value = headers?.[name];
  return typeof value === "string" ? value : undefined;
}

/** next-auth's `authorize`: the signed-in user, or null for any failure. */
export async function authorizeCredentials(
  credentials: Record<string, string> | undefined,
  req: { headers?: Record<string, unknown> },
): Promise<User | null> {
  const headers = req.headers;
  const actor = await authenticate(
    {
      db: getDb(),
      correlationId: header(headers, "x-request-id") ?? crypto.randomUUID(),
      ip: header(headers, "x-forwarded-for")?.split(",")[0]?.trim(),
    },
    credentials,
  );
  if (!actor) return null;
  return { id: actor.userId, name: actor.name, email: actor.email, role: actor.role, orgId: actor.orgId };
}
