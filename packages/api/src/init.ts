// The tRPC instance. `t` stays in this module: the rest of the app gets the router and
// caller factories, `middleware`, and the named procedures built in ./trpc.ts.

import { DomainError, type RateLimitName } from "@toolboxai/core";
import type { ApiScope } from "@toolboxai/validators";
import { initTRPC } from "@trpc/server";
import superjson from "superjson";
import type { OpenApiMeta } from "trpc-to-openapi";
import { ZodError, z } from "zod";
import type { ContextInner } from "./context";

/**
 * What a procedure declares about itself. `openapi` publishes it in the REST API (/api/v1, see
 * ./openapi); `scopes` are what an API key must hold to call it (a procedure without them cannot
 * be called with a key at all); `rateLimit` is a limit of its own on top of the caller's general
 * ones; `successStatus` is its REST status when it succeeds (201 for a create, 202 for a queued task);
 * `download` says REST answers the procedure's file.
 */
export type Meta = OpenApiMeta<{
  /** One line on what the procedure does, for logs and generated docs. */
  description?: string;
  scopes?: readonly ApiScope[];
  rateLimit?: RateLimitName;
  successStatus?: 200 | 201 | 202;
  /**
   * The procedure answers a file (`DownloadFile`: an export), which REST serves as an attachment
   * of one of these media types instead of JSON (../downloads.ts).
   */
  download?: { mediaTypes: readonly string[] };
}>;

const t = initTRPC
  .context<ContextInner>()
  .meta<Meta>()
  .create({
    transformer: superjson,
    // Subscriptions stream over SSE (the assistant's replies). A ping every 15 s keeps proxies and
    // load balancers from closing a stream that is waiting on the model. No maxDurationMs: the
    // client would take the cut for a dropped connection and open the subscription again.
    sse: { ping: { enabled: true, intervalMs: 15_000 } },
    errorFormatter({ shape, error, ctx }) {
      const fieldErrors =
        error.cause instanceof ZodError
          ? z.flattenError(error.cause).fieldErrors
          : error.cause instanceof DomainError && Object.keys(error.cause.fieldErrors).length > 0
            ? error.cause.fieldErrors
            : null;
      return {
        ...shape,
        // Internal errors keep their details in the logs, not in the response.
        message: error.code === "INTERNAL_SERVER_ERROR" ? "Something went wrong on our side." : shape.message,
        data: {
          ...shape.data,
          stack: undefined,
          fieldErrors: fieldErrors as Record<string, string[] | undefined> | null,
          formErrors: error.cause instanceof ZodError ? z.flattenError(error.cause).formErrors : [],
          requestId: ctx?.correlation.requestId ?? null,
          correlationId: ctx?.correlationId ?? null,
        },
      };
    },
  });

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;
export const middleware = t.middleware;
export const baseProcedure = t.procedure;
