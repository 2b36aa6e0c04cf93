// The tRPC instance. `t` stays in this module: the rest of the app gets the router and
// caller factories, `middleware`, and the named procedures built in ./trpc.ts.

import { DomainError } from "@toolboxai/core";
import { initTRPC } from "@trpc/server";
import superjson from "superjson";
import { ZodError, z } from "zod";
import type { ContextInner } from "./context";

export interface Meta {
  /** One line on what the procedure does, for logs and generated docs. */
  description?: string;
}

const t = initTRPC
  .context<ContextInner>()
  .meta<Meta>()
  .create({
    transformer: superjson,
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
          requestId: ctx?.correlationId ?? null,
        },
      };
    },
  });

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;
export const middleware = t.middleware;
export const baseProcedure = t.procedure;
