import type { Actor } from "@toolboxai/core";
import { TRPCError } from "@trpc/server";
import type { Meta } from "../init";

/**
 * API keys may call only procedures that declare `scopes` in their meta, and only while the key
 * holds every one of them; a refusal is FORBIDDEN naming what is missing. Sessions (browser or
 * app tokens) act with their user's full role and are not limited by scopes. Applied once, by
 * protectedProcedure (../trpc.ts).
 */
export function assertScopes(actor: Actor, meta: Meta | undefined): void {
  if (!actor.apiKeyId) return;
  const needed = meta?.scopes;
  // `scopes: []` declares that any key may call it (GET /me: whom the key acts as).
  if (!needed) {
    throw new TRPCError({ code: "FORBIDDEN", message: "This operation cannot be called with an API key." });
  }
  const missing = needed.filter((scope) => !actor.scopes.includes(scope));
  if (missing.length > 0) {
    throw new TRPCError({
      code: "FORBIDDEN",
      message: `This API key lacks the scope${missing.length === 1 ? "" : "s"} ${missing.join(", ")}.`,
    });
  }
}
