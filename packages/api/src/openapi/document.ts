// The REST API's OpenAPI 3.1 document: trpc-to-openapi's generator over the procedures' meta and
// zod schemas, then finished here (the generator has no options for these): problem+json error
// responses, 201/202, 429 with the rate-limit headers, 413/415 for bodies, `security: []` on
// public operations, the API key scopes each operation needs, the two file downloads, tag
// descriptions. Built once per process and router; served at /api/v1/openapi.json, and the
// source of the SDK's types.
import type { AnyTRPCRouter } from "@trpc/server";
import { generateOpenApiDocument, type OpenAPIObject } from "trpc-to-openapi";
import { appRouter } from "../root";
import { API_DESCRIPTION, API_TITLE, API_VERSION, TAG_DESCRIPTIONS } from "./describe";
import { type FileOperation, operationTable, type ProcedureOperation } from "./operations";
import { parameterDescription } from "./parameters";
import { PROBLEMS, type ProblemCode, problemBody, problemSchema } from "./problem";

// The document is plain JSON here; these are the few shapes the post-processing touches.
type Json = Record<string, unknown>;
interface OperationObject extends Json {
  operationId?: string;
  summary?: string;
  description?: string;
  tags?: string[];
  security?: Record<string, string[]>[];
  parameters?: unknown[];
  requestBody?: unknown;
  responses: Record<string, Json>;
}

const PROBLEM_REF = { $ref: "#/components/schemas/Problem" };
const EXAMPLE_IDS = {
  requestId: "0b7e5a8e-8f0c-4d57-9d8a-0f3f2f0e1c11",
  correlationId: "4a3f9a1e-3c55-4a53-8b3e-6f1f7d9c2b10",
};

const HEADERS: Record<string, Json> = {
  XRequestId: { description: "This request's id (new for each request).", schema: { type: "string" } },
  XCorrelationId: {
    description: "The request chain's id (yours when you sent a sane one).",
    schema: { type: "string" },
  },
  XRateLimitLimit: { description: "Requests allowed in the current window.", schema: { type: "integer" } },
  XRateLimitRemaining: { description: "Requests left in the current window.", schema: { type: "integer" } },
  XRateLimitReset: { description: "When the window resets (Unix time, seconds).", schema: { type: "integer" } },
  RetryAfter: { description: "Seconds to wait before trying again.", schema: { type: "integer" } },
};

const ref = (name: keyof typeof HEADERS) => ({ $ref: `#/components/headers/${name}` });
const CORRELATION_HEADERS = { "X-Request-ID": ref("XRequestId"), "X-Correlation-ID": ref("XCorrelationId") };
const RATE_LIMIT_HEADERS = {
  "X-RateLimit-Limit": ref("XRateLimitLimit"),
  "X-RateLimit-Remaining": ref("XRateLimitRemaining"),
  "X-RateLimit-Reset": ref("XRateLimitReset"),
};

function problemResponseObject(code: ProblemCode, instance: string): Json {
  const p = PROBLEMS[code];
  const headers: Json = { ...CORRELATION_HEADERS, ...RATE_LIMIT_HEADERS };
  if (code === "TOO_MANY_REQUESTS") headers["Retry-After"] = ref("RetryAfter");
  const example = problemBody({
    status: p.status,
    code,
    instance,
    correlation: EXAMPLE_IDS,
    ...(code === "BAD_REQUEST"
      ? { errors: [{ pointer: "/title", detail: "Enter a title." }], fieldErrors: { title: ["Enter a title."] } }
      : {}),
  });
  return {
    description: `${p.title}. ${p.description}`,
    headers,
    content: { "application/problem+json": { schema: PROBLEM_REF, example } },
  };
}

const CODE_BY_STATUS: Record<string, ProblemCode> = {
  "400": "BAD_REQUEST",
  "401": "UNAUTHORIZED",
  "403": "FORBIDDEN",
  "404": "NOT_FOUND",
  "405": "METHOD_NOT_SUPPORTED",
  "409": "CONFLICT",
  "412": "PRECONDITION_FAILED",
  "413": "PAYLOAD_TOO_LARGE",
  "415": "UNSUPPORTED_MEDIA_TYPE",
  "422": "UNPROCESSABLE_CONTENT",
  "429": "TOO_MANY_REQUESTS",
  "500": "INTERNAL_SERVER_ERROR",
  "503": "SERVICE_UNAVAILABLE",
  "508": "LOOP_DETECTED",
};

/** "Requires scope `content:write`." or why keys cannot call it. */
function accessSentence(scopes: readonly string[] | undefined, isProtected: boolean): string {
  if (!isProtected) return "Public: no credential needed.";
  if (!scopes) return "Not available to API keys (app access tokens only).";
  // `scopes: []` declares that any key may call it (GET /me: whom the key acts as).
  if (scopes.length === 0) return "Any API key (no scope needed).";
  const listed = scopes.map((s) => `\`${s}\``).join(", ");
  return `API keys need the scope${scopes.length === 1 ? "" : "s"} ${listed}.`;
}

function securityOf(scopes: readonly string[] | undefined, isProtected: boolean): Record<string, string[]>[] {
  if (!isProtected) return [];
  if (!scopes) return [{ bearerAuth: [] }];
  return [{ bearerAuth: [...scopes] }, { apiKey: [...scopes] }];
}

interface Finish {
  path: string;
  scopes: readonly string[] | undefined;
  isProtected: boolean;
  successStatus: number;
  hasBody: boolean;
  hasPathParameters: boolean;
  /** Not a GET: it may name other resources in its body and change state. */
  isMutation: boolean;
}

/** The error responses, success status, headers, security and access note of one operation. */
function finishOperation(op: OperationObject, f: Finish): void {
  const statuses = new Set(Object.keys(op.responses).filter((s) => Number(s) >= 400));
  // Every operation refuses unstorable text (a NUL) in any parameter, input of its own or not.
  statuses.add("400");
  if (f.isProtected) {
    statuses.add("401");
    statuses.add("403");
  }
  if (f.hasPathParameters) statuses.add("404");
  if (f.isMutation) {
    // A body may name a class, user or item the caller can't see (404), clash with what exists
    // (409: a taken email, a newer version) or meet a resource in the wrong state (412).
    for (const status of ["404", "409", "412"]) statuses.add(status);
  }
  if (f.hasBody) {
    statuses.add("413");
    statuses.add("415");
  }
  statuses.add("429");
  statuses.add("500");

  const success = Object.entries(op.responses).filter(([s]) => Number(s) < 400);
  const responses: Record<string, Json> = {};
  for (const [status, response] of success) {
    const code = status === "200" ? String(f.successStatus) : status;
    responses[code] = {
      ...response,
      headers: { ...(response.headers as Json | undefined), ...CORRELATION_HEADERS, ...RATE_LIMIT_HEADERS },
    };
  }
  const instance = `/api/v1${f.path}`;
  for (const status of [...statuses].sort()) {
    const code = CODE_BY_STATUS[status];
    if (code) responses[status] = problemResponseObject(code, instance);
  }
  op.responses = responses;
  op.security = securityOf(f.scopes, f.isProtected);
  const access = accessSentence(f.scopes, f.isProtected);
  op.description = op.description ? `${op.description}\n\n${access}` : access;
}

interface Parameter {
  in: string;
  name: string;
  required?: boolean;
  description?: string;
  schema?: { description?: string };
}
interface BodySchema {
  required?: string[];
  examples?: unknown[];
  properties?: Record<string, unknown>;
}
interface RequestBody {
  required?: boolean;
  content?: Record<string, { schema?: BodySchema }>;
}

/**
 * A body with no required member (`{}` publishes, duplicates) is optional, so SDK callers need not
 * pass `body: {}`. The input schema's examples name the path parameters too (it is one object for
 * tRPC); the body's examples drop them, since the generator drops them from its properties.
 */
function finishRequestBody(
  body: RequestBody | undefined,
  pathParameters: readonly string[],
  inputExamples: unknown[] | undefined,
): void {
  const schema = body?.content?.["application/json"]?.schema;
  if (!body || !schema) return;
  if (!schema.required?.length) body.required = false;
  // zod leaves a transforming input's examples out of its input JSON Schema (they could be of the
  // output type); ours are written as clients send them.
  schema.examples ??= inputExamples;
  if (!schema.examples) return;
  schema.examples = schema.examples.map((example) =>
    example && typeof example === "object" && !Array.isArray(example)
      ? Object.fromEntries(Object.entries(example).filter(([key]) => !pathParameters.includes(key)))
      : example,
  );
}

/** The `.meta({ examples })` of a procedure's input schema. */
function inputExamples(router: AnyTRPCRouter, op: ProcedureOperation): unknown[] | undefined {
  const procedure = (router._def.procedures as Record<string, { _def?: { inputs?: unknown[] } }>)[op.procedure];
  for (const input of [...(procedure?._def?.inputs ?? [])].reverse()) {
    const examples = (input as { meta?: () => { examples?: unknown } | undefined }).meta?.()?.examples;
    if (Array.isArray(examples)) return examples;
  }
  return undefined;
}

function procedureOperation(doc: Json, op: ProcedureOperation, router: AnyTRPCRouter): void {
  const paths = doc.paths as Record<string, Record<string, OperationObject>>;
  const operation = paths[op.path]?.[op.method.toLowerCase()];
  if (!operation) return;
  operation.summary ??= op.meta.description ?? op.procedure;
  operation.tags ??= [op.procedure.split(".")[0] ?? "api"];
  // A path parameter is always required (OpenAPI says so); a preprocessed one (`queryNumber`) reads
  // as optional to the generator.
  for (const parameter of (operation.parameters ?? []) as Parameter[]) {
    if (parameter.in === "path") parameter.required = true;
    parameter.description ??=
      parameter.schema?.description ?? parameterDescription(op.path, parameter.in, parameter.name);
  }
  finishRequestBody(operation.requestBody as RequestBody | undefined, op.pathParameters, inputExamples(router, op));
  if (op.meta.download) operation.responses["200"] = fileResponse(op.meta.download.mediaTypes);
  finishOperation(operation, {
    path: op.path,
    scopes: op.meta.scopes,
    isProtected: op.meta.openapi?.protect !== false,
    successStatus: op.meta.successStatus ?? 200,
    hasBody: operation.requestBody !== undefined,
    hasPathParameters: op.pathParameters.length > 0,
    isMutation: op.method !== "GET",
  });
}

/** The 200 of an operation answering a file: an attachment of one of `mediaTypes`. */
function fileResponse(mediaTypes: readonly string[]): Json {
  const schemaOf = (type: string) =>
    type.endsWith("json")
      ? { type: "object", description: "The file's content (a JSON document)." }
      : { type: "string", contentMediaType: type };
  return {
    description: `The file, as an attachment (${mediaTypes.join(", ")}).`,
    headers: {
      "Content-Disposition": {
        description: "`attachment` with the file's name.",
        schema: { type: "string", example: 'attachment; filename="file"' },
      },
    },
    content: Object.fromEntries(mediaTypes.map((type) => [type, { schema: schemaOf(type) }])),
  };
}

function fileOperationObject(op: FileOperation, scopes: readonly string[] | undefined): OperationObject {
  const operation: OperationObject = {
    operationId: op.file === "rojo" ? "roblox-environmentRojo" : "gradebook-csvDownload",
    summary: op.summary,
    description: op.description,
    tags: op.tags,
    parameters: op.pathParameters.map((name) => ({
      name,
      in: "path",
      required: true,
      description: parameterDescription(op.path, "path", name),
      schema: { type: "string" },
    })),
    responses: {
      "200": {
        description: `The file, as an attachment (${op.mediaType}).`,
        headers: {
          "Content-Disposition": {
            description: "`attachment` with the file's name.",
            schema: { type: "string", example: 'attachment; filename="file"' },
          },
        },
        content: { [op.mediaType]: { schema: { type: "string", contentMediaType: op.mediaType } } },
      },
    },
  };
  finishOperation(operation, {
    path: op.path,
    scopes,
    isProtected: true,
    successStatus: 200,
    hasBody: false,
    hasPathParameters: true,
    isMutation: false,
  });
  return operation;
}

/** Post-processes the generator's document (in place) into the published one. */
function finishDocument(doc: Json, router: AnyTRPCRouter): void {
  const table = operationTable(router);
  const paths = (doc.paths ?? {}) as Record<string, Record<string, OperationObject>>;
  doc.paths = paths;
  for (const op of table.operations) {
    if (op.kind === "procedure") {
      procedureOperation(doc, op, router);
    } else {
      paths[op.path] = { ...paths[op.path], get: fileOperationObject(op, table.metaOf(op.procedure)?.scopes) };
    }
  }

  const components = (doc.components ?? {}) as { schemas?: Record<string, unknown>; headers?: Json };
  for (const name of Object.keys(components.schemas ?? {})) {
    if (name.startsWith("error.")) delete components.schemas?.[name];
  }
  components.headers = { ...components.headers, ...HEADERS };
  doc.components = components;

  const used = new Set<string>();
  for (const item of Object.values(paths))
    for (const op of Object.values(item)) for (const t of op.tags ?? []) used.add(t);
  const known = Object.keys(TAG_DESCRIPTIONS);
  const order = [...known.filter((t) => used.has(t)), ...[...used].filter((t) => !known.includes(t)).sort()];
  doc.tags = order.map((name) => ({ name, description: TAG_DESCRIPTIONS[name] ?? `Operations on ${name}.` }));
}

const documents = new WeakMap<AnyTRPCRouter, OpenAPIObject>();

/** The OpenAPI 3.1 document of the REST API (built once per router; treat it as read-only). */
export function buildOpenApiDocument(router: AnyTRPCRouter = appRouter): OpenAPIObject {
  const cached = documents.get(router);
  if (cached) return cached;
  const doc = generateOpenApiDocument(router, {
    title: API_TITLE,
    version: API_VERSION,
    description: API_DESCRIPTION,
    baseUrl: "/api/v1",
    contact: { name: "ToolboxAI" },
    license: { name: "Proprietary", identifier: "LicenseRef-ToolboxAI-Proprietary" },
    securitySchemes: {
      bearerAuth: {
        type: "http",
        scheme: "bearer",
        description: "An API key (`tbx_live_…`) or an app access token from `POST /auth/token`.",
      },
      apiKey: { type: "apiKey", in: "header", name: "X-API-Key", description: "An API key (`tbx_live_…`)." },
    },
    defs: { Problem: problemSchema },
  });
  finishDocument(doc as unknown as Json, router);
  documents.set(router, doc);
  return doc;
}
