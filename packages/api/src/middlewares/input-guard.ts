import { DomainError } from "@toolboxai/core";
import { findUnstorableInput } from "@toolboxai/validators";
import { TRPCError } from "@trpc/server";
import { middleware } from "../init";

/**
 * Refuses, before any schema parses it, an input PostgreSQL could not store or that nests too
 * deeply: a NUL or a lone UTF-16 surrogate in any string (values and keys alike, including fields
 * a schema types as `unknown`), or more than MAX_INPUT_DEPTH levels. BAD_REQUEST with each
 * offending field's dotted path in `fieldErrors` (`body.sections.0.heading`), so forms show the
 * message next to the field; without this, such text reached the database and came back as a 500.
 */
export const inputGuard = middleware(async ({ getRawInput, next }) => {
  let input: unknown;
  try {
    input = await getRawInput();
  } catch {
    // A body that is not JSON: the input parser refuses it with 400 in its place, after the
    // sign-in and role checks, as before this guard.
    return next();
  }
  const problems = findUnstorableInput(input);
  if (problems.length === 0) return next();
  const fieldErrors: Record<string, string[]> = {};
  for (const { path, message } of problems) {
    if (!path) continue;
    const messages = Object.hasOwn(fieldErrors, path) ? (fieldErrors[path] ?? []) : [];
    if (!messages.includes(message)) fieldErrors[path] = [...messages, message];
  }
  const message = (problems[0] as { message: string }).message;
  throw new TRPCError({ code: "BAD_REQUEST", message, cause: new DomainError("INVALID", message, { fieldErrors }) });
});
