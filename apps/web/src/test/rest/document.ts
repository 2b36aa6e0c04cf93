// The operations of the published OpenAPI document, as the suites read them: method, path, tag,
// the success status it declares, its parameters and body schema, the scopes API keys need.
// Everything the suites send is derived from here, so an operation added to the document is
// sent too (and fails the table's completeness test until it has a case).
import { buildOpenApiDocument } from "@toolboxai/api";

export type JsonSchema = Record<string, unknown> & {
  $ref?: string;
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  format?: string;
};

interface Parameter {
  name: string;
  in: "path" | "query" | "header" | "cookie";
  required?: boolean;
  schema?: JsonSchema;
}

export interface ResponseObject {
  description?: string;
  headers?: Record<string, unknown>;
  content?: Record<string, { schema?: JsonSchema }>;
}

interface OperationObject {
  operationId?: string;
  summary?: string;
  tags?: string[];
  security?: Record<string, string[]>[];
  parameters?: Parameter[];
  requestBody?: { content?: Record<string, { schema?: JsonSchema }> };
  responses: Record<string, ResponseObject>;
}

export interface OpenApiDocument {
  openapi: string;
  paths: Record<string, Record<string, OperationObject>>;
  components: { schemas: Record<string, JsonSchema> } & Record<string, unknown>;
}

export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

export interface DocOperation {
  /** `POST /content/{contentId}/publish` */
  name: string;
  method: HttpMethod;
  /** Relative to /api/v1. */
  path: string;
  tag: string;
  pathParams: string[];
  queryParams: Parameter[];
  /** The JSON body's schema (refs unresolved), when the operation takes one. */
  bodySchema: JsonSchema | null;
  /** The one 2xx status the document declares. */
  successStatus: number;
  /** What an API key needs; empty for operations keys cannot call or public ones. */
  scopes: string[];
  isPublic: boolean;
  /** Whether the document lets API keys call it (an `apiKey` security requirement). */
  acceptsKeys: boolean;
  responses: Record<string, ResponseObject>;
}

export const doc = buildOpenApiDocument() as unknown as OpenApiDocument;

/** A `$ref` to components.schemas resolved (one level; nested refs stay). */
export function resolve(schema: JsonSchema | undefined): JsonSchema {
  if (!schema?.$ref) return schema ?? {};
  const name = schema.$ref.replace("#/components/schemas/", "");
  return doc.components.schemas[name] ?? {};
}

function operationsOf(document: OpenApiDocument): DocOperation[] {
  const out: DocOperation[] = [];
  for (const [path, item] of Object.entries(document.paths)) {
    for (const [lower, op] of Object.entries(item)) {
      const method = lower.toUpperCase() as HttpMethod;
      const success = Object.keys(op.responses).filter((s) => Number(s) >= 200 && Number(s) < 300);
      if (success.length !== 1) throw new Error(`${method} ${path} declares ${success.length} success statuses`);
      const security = op.security ?? [];
      out.push({
        name: `${method} ${path}`,
        method,
        path,
        tag: op.tags?.[0] ?? "untagged",
        pathParams: (op.parameters ?? []).filter((p) => p.in === "path").map((p) => p.name),
        queryParams: (op.parameters ?? []).filter((p) => p.in === "query"),
        bodySchema: op.requestBody?.content?.["application/json"]?.schema ?? null,
        successStatus: Number(success[0]),
        scopes: [...new Set(security.flatMap((s) => Object.values(s).flat()))],
        isPublic: security.length === 0,
        acceptsKeys: security.some((s) => "apiKey" in s),
        responses: op.responses,
      });
    }
  }
  return out;
}

export const operations = operationsOf(doc);

export function operation(name: string): DocOperation {
  const op = operations.find((o) => o.name === name);
  if (!op) throw new Error(`the document has no operation ${name}`);
  return op;
}
