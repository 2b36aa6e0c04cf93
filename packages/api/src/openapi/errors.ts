// Turning the REST API's failures into problem details: the adapter's JSON error bodies
// ({ message, code, data, issues }) and the TRPCErrors downloads throw.
import { isDomainError } from "@toolboxai/core";
import { TRPCError } from "@trpc/server";
import { getHTTPStatusCodeFromError } from "@trpc/server/http";
import { ZodError, z } from "zod";
import { jsonPointer, type ProblemFieldError, type ProblemInput } from "./problem";

interface Issue {
  path: readonly PropertyKey[];
  message: string;
  code?: string;
  /** invalid_value: the values the field accepts. */
  values?: readonly unknown[];
  /** invalid_union of a discriminated union: the discriminator's values. */
  options?: readonly unknown[];
  /** invalid_type: the type the field takes. */
  expected?: string;
}

/** What every problem of one request shares. */
export type ProblemBase = Pick<ProblemInput, "instance" | "correlation">;

const INTERNAL_DETAIL = "Something went wrong on our side.";

/**
 * The messages are written for people filling in a form ("Choose one of: lesson, quiz"); a program
 * needs the exact values the API takes, so those are added.
 */
function forClients(issue: Issue): string {
  const exact =
    issue.code === "invalid_value" && Array.isArray(issue.values)
      ? issue.values
      : issue.code === "invalid_union" && Array.isArray(issue.options)
        ? issue.options
        : null;
  if (exact && exact.length > 0 && exact.length <= 30) {
    const values = exact.map((v) => JSON.stringify(v)).join(", ");
    // The error map's own "Choose one of: day, week" / "Must be day" already lists the options in
    // words: say the list once, as the exact values, instead of twice.
    if (/^(Choose one of\b|Must be )/.test(issue.message))
      return exact.length === 1 ? `Must be ${values}` : `Choose one of: ${values}`;
    return `${issue.message} (accepted values: ${values})`;
  }
  if (issue.code === "invalid_type" && issue.expected === "boolean") return `${issue.message} (true or false)`;
  return issue.message;
}

function issueErrors(issues: readonly Issue[]): ProblemFieldError[] {
  return issues.map((issue) => ({ pointer: jsonPointer(issue.path), detail: forClients(issue) }));
}

function fieldErrorList(fieldErrors: Record<string, string[]>): ProblemFieldError[] {
  return Object.entries(fieldErrors).flatMap(([field, messages]) =>
    messages.map((detail) => ({ pointer: jsonPointer([field]), detail })),
  );
}

/** Only fields with messages (zod's flattened errors list absent fields as undefined). */
function cleanFieldErrors(value: unknown): Record<string, string[]> | undefined {
  if (!value || typeof value !== "object") return undefined;
  const entries = Object.entries(value as Record<string, unknown>).filter(
    (entry): entry is [string, string[]] =>
      Array.isArray(entry[1]) && entry[1].length > 0 && entry[1].every((m) => typeof m === "string"),
  );
  return entries.length > 0 ? Object.fromEntries(entries) : undefined;
}

/** "Some fields are not valid: title (Enter a title.); dueAt (Enter a date.)" */
export function validationDetail(errors: readonly ProblemFieldError[]): string {
  if (errors.length === 0) return "The input is not valid.";
  const listed = errors
    .slice(0, 5)
    .map((e) => `${e.pointer === "" ? "the body" : e.pointer.slice(1).replaceAll("/", ".")} (${e.detail})`);
  const more = errors.length > 5 ? `; and ${errors.length - 5} more` : "";
  return `Some fields are not valid: ${listed.join("; ")}${more}.`;
}

interface AdapterErrorBody {
  message?: unknown;
  code?: unknown;
  issues?: unknown;
  data?: { fieldErrors?: unknown } | null;
}

/** The problem an adapter error response describes. */
export async function problemOfAdapterResponse(res: Response, base: ProblemBase): Promise<ProblemInput> {
  const raw = (await res.json().catch(() => ({}))) as AdapterErrorBody;
  const code = typeof raw.code === "string" ? raw.code : undefined;
  const issues = Array.isArray(raw.issues) ? (raw.issues as Issue[]) : undefined;
  const fieldErrors = cleanFieldErrors(raw.data?.fieldErrors);
  const errors = issues ? issueErrors(issues) : fieldErrors ? fieldErrorList(fieldErrors) : undefined;
  const message = typeof raw.message === "string" ? raw.message : undefined;
  const detail = res.status >= 500 ? INTERNAL_DETAIL : issues && errors ? validationDetail(errors) : message;
  return { ...base, status: res.status, code, detail, errors, fieldErrors };
}

/** The problem a thrown error describes (a TRPCError from a procedure called directly; anything else is internal). */
export function problemOfError(error: unknown, base: ProblemBase): ProblemInput {
  const e = error instanceof TRPCError ? error : new TRPCError({ code: "INTERNAL_SERVER_ERROR", cause: error });
  const status = getHTTPStatusCodeFromError(e);
  if (status >= 500) return { ...base, status, code: e.code, detail: INTERNAL_DETAIL };
  if (e.cause instanceof ZodError) {
    const errors = issueErrors(e.cause.issues);
    const fieldErrors = cleanFieldErrors(z.flattenError(e.cause).fieldErrors);
    return { ...base, status, code: e.code, detail: validationDetail(errors), errors, fieldErrors };
  }
  const fieldErrors = isDomainError(e.cause) ? cleanFieldErrors(e.cause.fieldErrors) : undefined;
  return {
    ...base,
    status,
    code: e.code,
    detail: e.message,
    errors: fieldErrors ? fieldErrorList(fieldErrors) : undefined,
    fieldErrors,
  };
}
