// The REST API's operations, read once from a router's procedure meta: which procedure answers
// which method and path, in the adapter's own matching order (declaration order, first match
// wins), plus the two operations whose bodies are files (served before the adapter, which can
// only answer JSON). The handler uses it for 405s and downloads, the document for scopes and
// success statuses.
import type { AnyTRPCRouter } from "@trpc/server";
import { forEachOpenApiProcedure, getPathParameters, getPathRegExp, normalizePath } from "trpc-to-openapi";
import type { Meta } from "../init";

export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

export interface ProcedureOperation {
  kind: "procedure";
  method: HttpMethod;
  /** Relative to /api/v1, as declared: `/content/{contentId}`. */
  path: string;
  regexp: RegExp;
  pathParameters: string[];
  /** The procedure's dotted path: `content.get`. */
  procedure: string;
  meta: Meta;
}

/** A download: the file's media type and the procedure whose access rules (and scopes) it follows. */
export interface FileOperation {
  kind: "file";
  file: "rojo" | "gradebook-csv";
  method: "GET";
  path: string;
  regexp: RegExp;
  pathParameters: string[];
  procedure: string;
  mediaType: string;
  summary: string;
  description: string;
  tags: string[];
}

export type Operation = ProcedureOperation | FileOperation;

function fileOperation(op: Omit<FileOperation, "kind" | "method" | "regexp" | "pathParameters">): FileOperation {
  return {
    kind: "file",
    method: "GET",
    regexp: getPathRegExp(op.path),
    pathParameters: getPathParameters(op.path),
    ...op,
  };
}

/** The downloads, documented by hand (../openapi/document.ts) and served by the handler. */
export const FILE_OPERATIONS: readonly FileOperation[] = [
  fileOperation({
    file: "rojo",
    path: "/roblox/environments/{environmentId}/rojo",
    procedure: "roblox.rojo",
    mediaType: "application/zip",
    summary: "Download an environment as a Rojo project",
    description:
      "A Roblox environment (a content item of type ENVIRONMENT) as a zip holding a Rojo project (`default.project.json`, `src/server`, `src/client`, `src/shared`), ready to open in Roblox Studio with the Rojo plugin. Answers 400 for an item that is not an environment or whose specification is not valid.",
    tags: ["roblox"],
  }),
  fileOperation({
    file: "gradebook-csv",
    path: "/classes/{classId}/gradebook.csv",
    procedure: "gradebook.csv",
    mediaType: "text/csv",
    summary: "Download a class's gradebook as CSV",
    description:
      "The class's students × assignments with best scores and averages, as UTF-8 CSV (with a byte order mark, so spreadsheets read it as UTF-8).",
    tags: ["gradebook"],
  }),
];

export interface OperationTable {
  operations: readonly Operation[];
  /** The operation a request names, or the methods its path takes when the method is not one of them. */
  match(
    method: string,
    path: string,
  ): { operation: Operation; params: Record<string, string> } | { allow: string[] } | null;
  /** A procedure's meta, by its dotted path. */
  metaOf(procedure: string): Meta | undefined;
}

const tables = new WeakMap<AnyTRPCRouter, OperationTable>();

/** The router's operations (cached per router). */
export function operationTable(router: AnyTRPCRouter): OperationTable {
  const cached = tables.get(router);
  if (cached) return cached;
  const procedures: ProcedureOperation[] = [];
  const metas = new Map<string, Meta>();
  for (const [path, procedure] of Object.entries(router._def.procedures as Record<string, { _def: { meta?: Meta } }>)) {
    if (procedure._def.meta) metas.set(path, procedure._def.meta);
  }
  forEachOpenApiProcedure<Meta>(router._def.procedures, ({ path, meta }) => {
    const declared = normalizePath(meta.openapi.path);
    procedures.push({
      kind: "procedure",
      method: meta.openapi.method,
      path: declared,
      regexp: getPathRegExp(declared),
      pathParameters: getPathParameters(declared),
      procedure: path,
      meta,
    });
  });
  // Files first: their literal suffixes must win over any `{param}` path of the adapter.
  const operations: Operation[] = [...FILE_OPERATIONS, ...procedures];
  const table: OperationTable = {
    operations,
    match(method, rawPath) {
      const path = normalizePath(rawPath);
      const onPath = operations.filter((op) => op.regexp.test(path));
      if (onPath.length === 0) return null;
      const wanted = method === "HEAD" ? "GET" : method;
      const operation = onPath.find((op) => op.method === wanted);
      if (!operation) {
        const methods = new Set(onPath.map((op) => op.method));
        const allow = [...methods].flatMap((m) => (m === "GET" ? ["GET", "HEAD"] : [m]));
        return { allow: [...allow, "OPTIONS"] };
      }
      return { operation, params: operation.regexp.exec(path)?.groups ?? {} };
    },
    metaOf: (procedure) => metas.get(procedure),
  };
  tables.set(router, table);
  return table;
}

/** `GET /content/{contentId}`: how usage and logs name an operation. */
export function operationName(op: Pick<Operation, "method" | "path">): string {
  return `${op.method} ${op.path}`;
}
