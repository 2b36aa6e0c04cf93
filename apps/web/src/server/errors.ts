// Errors services raise. TRPCError carries the code (and so the HTTP status of the REST
// adapter); `fieldErrors` lets a form put the message next to the field it is about.
import { TRPCError } from "@trpc/server";

export class FieldErrors extends Error {
  constructor(readonly fieldErrors: Record<string, string[]>) {
    super("Field errors");
  }
}

export function fieldError(code: TRPCError["code"], field: string, message: string): TRPCError {
  return new TRPCError({ code, message, cause: new FieldErrors({ [field]: [message] }) });
}

export function notFound(what: string): TRPCError {
  return new TRPCError({ code: "NOT_FOUND", message: `${what} not found` });
}

/** Whether `error` is a Prisma error with this code (P2002: unique violation, P2025: record not found). */
export function isPrismaError(error: unknown, code: "P2002" | "P2025"): boolean {
  return typeof error === "object" && error !== null && (error as { code?: unknown }).code === code;
}
