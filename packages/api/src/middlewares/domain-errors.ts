import { type DomainErrorCode, isDomainError } from "@toolboxai/core";
import { TRPCError } from "@trpc/server";
import { middleware } from "../init";

/** The tRPC code (and so the HTTP status) of each kind of domain refusal. */
export const TRPC_CODE: Record<DomainErrorCode, TRPCError["code"]> = {
  INVALID: "BAD_REQUEST",
  UNAUTHORIZED: "UNAUTHORIZED",
  FORBIDDEN: "FORBIDDEN",
  NOT_FOUND: "NOT_FOUND",
  CONFLICT: "CONFLICT",
  PRECONDITION_FAILED: "PRECONDITION_FAILED",
  TOO_MANY_REQUESTS: "TOO_MANY_REQUESTS",
};

/**
 * The one place domain errors become tRPC errors: services throw DomainError, and whatever the
 * procedure throws reaches the client with the matching code, the service's message and (through
 * the error formatter) its field errors. Anything else stays an internal error.
 */
export const domainErrors = middleware(async ({ type, next }) => {
  const result = await next();
  if (!result.ok && isDomainError(result.error.cause)) {
    const cause = result.error.cause;
    throw new TRPCError({ code: TRPC_CODE[cause.code], message: cause.message, cause });
  }
  // A subscription's generator runs after this returns, while its events are sent: a refusal it
  // throws (even before its first event) is mapped as it is thrown. Unmapped, it would reach the
  // client as an internal error, which the SSE link retries by opening the subscription again.
  if (result.ok && type === "subscription" && isAsyncIterable(result.data)) {
    return { ...result, data: mappingDomainErrors(result.data) };
  }
  return result;
});

function isAsyncIterable(value: unknown): value is AsyncIterable<unknown> {
  return typeof value === "object" && value !== null && Symbol.asyncIterator in value;
}

async function* mappingDomainErrors<T>(events: AsyncIterable<T>): AsyncGenerator<T, void> {
  try {
    // yield* hands the client's closing (return) on to the procedure's generator.
    yield* events;
  } catch (error) {
    if (!isDomainError(error)) throw error;
    throw new TRPCError({ code: TRPC_CODE[error.code], message: error.message, cause: error });
  }
}
