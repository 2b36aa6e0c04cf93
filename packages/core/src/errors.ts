// The errors services raise. They say what went wrong in the domain's words; each transport maps
// them once (packages/api's error-conversion middleware to tRPC codes, and so to HTTP statuses).
// `fieldErrors` lets a form put the message next to the field it is about.

/** What kind of refusal this is. Transports map each kind to one status. */
export type DomainErrorCode =
  | "INVALID" // the input is wrong (400)
  | "UNAUTHORIZED" // no one is signed in, or the credentials are wrong (401)
  | "FORBIDDEN" // the actor may not do this (403)
  | "NOT_FOUND" // it does not exist, or the actor may not know it exists (404)
  | "CONFLICT" // it clashes with the current state: a duplicate, a stale version (409)
  | "PRECONDITION_FAILED" // the state does not allow it yet or any more (412)
  | "TOO_MANY_REQUESTS"; // a limit was reached; `retryAfterSeconds` says when to try again (429)

export interface DomainErrorOptions {
  fieldErrors?: Record<string, string[]> | undefined;
  retryAfterSeconds?: number | undefined;
  cause?: unknown;
}

export class DomainError extends Error {
  override readonly name = "DomainError";
  /** Messages by field (empty when the refusal is about no field in particular). */
  readonly fieldErrors: Record<string, string[]>;
  readonly retryAfterSeconds: number | null;

  constructor(
    readonly code: DomainErrorCode,
    message: string,
    options: DomainErrorOptions = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.fieldErrors = options.fieldErrors ?? {};
    this.retryAfterSeconds = options.retryAfterSeconds ?? null;
  }
}

export function isDomainError(error: unknown): error is DomainError {
  return error instanceof DomainError;
}

/** A refusal about one field of the input: the form shows `message` next to `field`. */
export function fieldError(code: DomainErrorCode, field: string, message: string): DomainError {
  return new DomainError(code, message, { fieldErrors: { [field]: [message] } });
}

export function notFound(what: string): DomainError {
  return new DomainError("NOT_FOUND", `${what} not found`);
}

export function forbidden(message: string): DomainError {
  return new DomainError("FORBIDDEN", message);
}

export function invalid(message: string, fieldErrors?: Record<string, string[]>): DomainError {
  return new DomainError("INVALID", message, { fieldErrors });
}

export function conflict(message: string, fieldErrors?: Record<string, string[]>): DomainError {
  return new DomainError("CONFLICT", message, { fieldErrors });
}

export function preconditionFailed(message: string): DomainError {
  return new DomainError("PRECONDITION_FAILED", message);
}

export function tooManyRequests(message: string, retryAfterSeconds: number): DomainError {
  return new DomainError("TOO_MANY_REQUESTS", message, { retryAfterSeconds });
}

/** Whether `error` is a Prisma error with this code (P2002: unique violation, P2025: record not found). */
export function isPrismaError(error: unknown, code: "P2002" | "P2025"): boolean {
  return typeof error === "object" && error !== null && (error as { code?: unknown }).code === code;
}
