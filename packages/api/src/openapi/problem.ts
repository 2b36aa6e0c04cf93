// The REST API's one error shape: RFC 9457 problem details (`application/problem+json`), on every
// 4xx and 5xx the adapter answers, its own refusals (unknown route, wrong method, malformed JSON)
// included. `code` is the stable tRPC code name programs branch on; `type` points at its entry
// in the problems reference (/docs/problems), which PROBLEMS below also feeds.
import type { Correlation } from "@toolboxai/core";
import { z } from "zod";

export const PROBLEM_CONTENT_TYPE = "application/problem+json";

/** Every problem the API answers with, by code: its status, its fixed title, what it means. */
export const PROBLEMS = {
  BAD_REQUEST: {
    status: 400,
    title: "Invalid request",
    description:
      "The input did not pass validation. `errors` points at each invalid field (JSON Pointer) and `fieldErrors` lists the messages by field.",
  },
  PARSE_ERROR: {
    status: 400,
    title: "Malformed request body",
    description: "The body is not valid JSON, or it is JSON but not an object.",
  },
  UNAUTHORIZED: {
    status: 401,
    title: "Authentication required",
    description: "No credential was sent, or the one sent is not valid (unknown, expired or revoked key or token).",
  },
  FORBIDDEN: {
    status: 403,
    title: "Not allowed",
    description:
      "The caller is authenticated but may not do this: its role does not allow it, or the API key lacks a scope (the detail names it).",
  },
  NOT_FOUND: {
    status: 404,
    title: "Not found",
    description: "No such route, or no such resource in the caller's organization.",
  },
  METHOD_NOT_SUPPORTED: {
    status: 405,
    title: "Method not allowed",
    description: "The path exists but not with this method. The `Allow` header lists the methods it takes.",
  },
  CONFLICT: {
    status: 409,
    title: "Conflict",
    description:
      "The resource changed since it was read (a stale `expectedVersion`), or the change clashes with existing data.",
  },
  PRECONDITION_FAILED: {
    status: 412,
    title: "Precondition failed",
    description: "The resource is not in a state that allows this (for example publishing an archived item).",
  },
  PAYLOAD_TOO_LARGE: {
    status: 413,
    title: "Request body too large",
    description: "The body is larger than the API accepts (1 MiB).",
  },
  UNSUPPORTED_MEDIA_TYPE: {
    status: 415,
    title: "Unsupported content type",
    description: "A request body must be sent as `application/json`.",
  },
  UNPROCESSABLE_CONTENT: {
    status: 422,
    title: "Unprocessable content",
    description: "The input is well formed but cannot be processed.",
  },
  TOO_MANY_REQUESTS: {
    status: 429,
    title: "Too many requests",
    description:
      "A rate limit was reached. `Retry-After` says how many seconds to wait; the `X-RateLimit-*` headers describe the limit.",
  },
  INTERNAL_SERVER_ERROR: {
    status: 500,
    title: "Internal server error",
    description: "Something went wrong on our side. Quote the `requestId` when you report it.",
  },
  SERVICE_UNAVAILABLE: {
    status: 503,
    title: "Service unavailable",
    description: "A service the API depends on is unavailable. Try again shortly.",
  },
  LOOP_DETECTED: {
    status: 508,
    title: "Loop Detected",
    description:
      "This hop would make the request chain deeper than 10 (the caller's `X-Chain-Depth` plus one): something is calling the API in a loop.",
  },
} as const satisfies Record<string, { status: number; title: string; description: string }>;

export type ProblemCode = keyof typeof PROBLEMS;

/** The tRPC code name of an HTTP status, for errors that come with a status only. */
const CODE_OF_STATUS: Record<number, string> = Object.fromEntries(
  Object.entries(PROBLEMS)
    .filter(([code]) => code !== "PARSE_ERROR")
    .map(([code, p]) => [p.status, code]),
);

/** `/docs/problems#not-found`: where a code is explained (a reference on the API's own origin). */
export function problemType(code: string): string {
  return `/docs/problems#${code.toLowerCase().replaceAll("_", "-")}`;
}

export const problemFieldErrorSchema = z.object({
  pointer: z
    .string()
    .meta({ description: "JSON Pointer (RFC 6901) to the invalid member of the input.", example: "/title" }),
  detail: z.string().meta({ example: "Enter a title." }),
});

export const problemSchema = z
  .object({
    type: z.string().meta({
      description: "A URI reference identifying the problem type; its page explains it.",
      example: "/docs/problems#not-found",
    }),
    title: z.string().meta({ description: "A short summary of the problem type (the same for every occurrence)." }),
    status: z.int().min(400).max(599).meta({ description: "The HTTP status code." }),
    detail: z.string().meta({ description: "What went wrong this time, for people." }),
    instance: z.string().meta({ description: "The path of the request.", example: "/api/v1/content/ckabc123" }),
    code: z
      .string()
      .meta({ description: "A stable machine-readable code (the tRPC code name).", example: "NOT_FOUND" }),
    requestId: z.string().meta({ description: "This request's id, also in the `X-Request-ID` header." }),
    correlationId: z.string().meta({ description: "The request chain's id, also in the `X-Correlation-ID` header." }),
    errors: z
      .array(problemFieldErrorSchema)
      .optional()
      .meta({ description: "One entry per invalid input member (400 only)." }),
    fieldErrors: z
      .record(z.string(), z.array(z.string()))
      .optional()
      .meta({ description: "The same messages grouped by top-level field, as forms show them (400 only)." }),
  })
  .meta({
    description: "RFC 9457 problem details, the body of every 4xx and 5xx response.",
    examples: [
      {
        type: "/docs/problems#bad-request",
        title: "Invalid request",
        status: 400,
        detail: "Some fields are not valid: title (Enter a title.)",
        instance: "/api/v1/content",
        code: "BAD_REQUEST",
        requestId: "0b7e5a8e-8f0c-4d57-9d8a-0f3f2f0e1c11",
        correlationId: "4a3f9a1e-3c55-4a53-8b3e-6f1f7d9c2b10",
        errors: [{ pointer: "/title", detail: "Enter a title." }],
        fieldErrors: { title: ["Enter a title."] },
      },
    ],
  });

export type Problem = z.infer<typeof problemSchema>;
export type ProblemFieldError = z.infer<typeof problemFieldErrorSchema>;

/** RFC 6901: `~` and `/` inside a segment are escaped as `~0` and `~1`. */
export function jsonPointer(path: readonly PropertyKey[]): string {
  return path.map((segment) => `/${String(segment).replaceAll("~", "~0").replaceAll("/", "~1")}`).join("");
}

export interface ProblemInput {
  status: number;
  /** The tRPC code name; derived from the status when absent. */
  code?: string | undefined;
  detail?: string | undefined;
  /** The request's path (`instance`). */
  instance: string;
  correlation: Pick<Correlation, "requestId" | "correlationId">;
  errors?: ProblemFieldError[] | undefined;
  fieldErrors?: Record<string, string[]> | undefined;
}

/** The web's "Sign in to continue." says nothing to a program: name the credentials it can send. */
function restDetail(status: number, detail: string | undefined): string | undefined {
  if (status === 401 && (detail === undefined || detail === "Sign in to continue.")) {
    return "Send an API key or an app access token: `Authorization: Bearer <token>` (or `X-API-Key: <key>`).";
  }
  return detail;
}

/** The body of a problem: the catalogue's title for its code, the request's ids. */
export function problemBody(input: ProblemInput): Problem {
  const code =
    input.code ?? CODE_OF_STATUS[input.status] ?? (input.status >= 500 ? "INTERNAL_SERVER_ERROR" : "BAD_REQUEST");
  const known = (PROBLEMS as Record<string, { title: string; description: string }>)[code];
  return {
    type: problemType(code),
    title: known?.title ?? (input.status >= 500 ? "Server error" : "Request refused"),
    status: input.status,
    detail: restDetail(input.status, input.detail) ?? known?.description ?? "",
    instance: input.instance,
    code,
    requestId: input.correlation.requestId,
    correlationId: input.correlation.correlationId,
    ...(input.errors && input.errors.length > 0 ? { errors: input.errors } : {}),
    ...(input.fieldErrors && Object.keys(input.fieldErrors).length > 0 ? { fieldErrors: input.fieldErrors } : {}),
  };
}

/**
 * A problem+json Response (never cached); `headers` are added as given. A 401 says how to
 * authenticate (`WWW-Authenticate: Bearer`, RFC 9110 section 11.6.1).
 */
export function problemResponse(input: ProblemInput, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(problemBody(input)), {
    status: input.status,
    headers: {
      ...headers,
      ...(input.status === 401 ? { "WWW-Authenticate": 'Bearer realm="toolboxai"' } : {}),
      "content-type": PROBLEM_CONTENT_TYPE,
      "cache-control": "no-store",
    },
  });
}
