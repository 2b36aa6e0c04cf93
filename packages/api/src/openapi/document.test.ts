// The published OpenAPI document of the app's router: valid OpenAPI 3.1 by a maintained parser,
// clean under Redocly's recommended rules, and saying what the handler does (problem+json errors,
// success statuses, scopes, rate-limit headers, the file downloads).
import { compileErrors, validate } from "@readme/openapi-parser";
import { createConfig, lintFromString } from "@redocly/openapi-core";
import { describe, expect, it } from "vitest";
import { appRouter } from "../root";
import { buildOpenApiDocument } from "./document";
import { operationTable } from "./operations";

type Json = Record<string, unknown>;
interface MediaType {
  schema?: Json & { $ref?: string; required?: string[]; examples?: unknown[] };
  example?: unknown;
  examples?: unknown;
}
interface Op {
  tags?: string[];
  requestBody?: { required?: boolean; content?: Record<string, MediaType> };
  parameters?: { in: string; name: string; description?: string }[];
  security?: Record<string, string[]>[];
  responses: Record<string, { content?: Record<string, { schema?: Json }>; headers?: Json }>;
  description?: string;
}

const doc = buildOpenApiDocument();
const paths = doc.paths as Record<string, Record<string, Op>>;
const operations = Object.entries(paths).flatMap(([path, item]) =>
  Object.entries(item).map(([method, op]) => ({ name: `${method.toUpperCase()} ${path}`, op })),
);
const table = operationTable(appRouter);

/** A component schema by its `$ref`, or the schema itself. */
function resolve(schema: MediaType["schema"]): MediaType["schema"] {
  const name = schema?.$ref?.replace("#/components/schemas/", "");
  return name ? (doc.components?.schemas?.[name] as MediaType["schema"]) : schema;
}
const hasExample = (m: MediaType | undefined) =>
  m !== undefined &&
  (m.example !== undefined || m.examples !== undefined || (resolve(m.schema)?.examples?.length ?? 0) > 0);

let checkedExamples: Promise<string[]> | undefined;
/** The problems Redocly's example rules find in `source` (see exampleProblems). */
async function lintExamples(source: unknown): Promise<string[]> {
  const config = await createConfig({
    rules: {
      "no-invalid-schema-examples": { severity: "error", allowAdditionalProperties: false },
      "no-invalid-media-type-examples": { severity: "error", allowAdditionalProperties: false },
      "no-invalid-parameter-examples": { severity: "error", allowAdditionalProperties: false },
    },
  });
  const problems = await lintFromString({ source: JSON.stringify(source), absoluteRef: "openapi.json", config });
  return problems.map((p) => `${p.ruleId}: ${p.message} at ${p.location[0]?.pointer}`);
}
/**
 * Redocly's example rules over the whole document, as errors: every `examples` on a schema, every
 * media type and parameter example, checked against the schema it sits on (with Redocly's ajv;
 * an example with a member its schema doesn't declare counts as wrong too).
 */
function exampleProblems(): Promise<string[]> {
  checkedExamples ??= lintExamples(doc);
  return checkedExamples;
}

let linted: Promise<string[]> | undefined;
/** Redocly's findings on the document, as "severity rule: message at pointer" (linted once). */
function lint(): Promise<string[]> {
  linted ??= (async () => {
    const config = await createConfig({ extends: ["recommended"] });
    const problems = await lintFromString({ source: JSON.stringify(doc), absoluteRef: "openapi.json", config });
    return problems.map((p) => `${p.severity} ${p.ruleId}: ${p.message} at ${p.location[0]?.pointer}`);
  })();
  return linted;
}

describe("the OpenAPI document", () => {
  it("is valid OpenAPI 3.1 for @readme/openapi-parser", async () => {
    expect(doc.openapi).toBe("3.1.0");
    const result = await validate(structuredClone(doc) as never);
    expect(result.valid, result.valid ? "" : compileErrors(result)).toBe(true);
  });

  it("has no errors under Redocly's recommended rules", async () => {
    const problems = await lint();
    expect(problems.filter((p) => p.startsWith("error"))).toEqual([]);
  });

  it("has no warnings under Redocly's recommended rules either", async () => {
    expect(await lint()).toEqual([]);
  });

  it("is built once per process", () => {
    expect(buildOpenApiDocument()).toBe(doc);
  });

  it("documents every error response as problem+json, and no other error shape", () => {
    for (const { name, op } of operations) {
      for (const [status, response] of Object.entries(op.responses)) {
        if (Number(status) < 400) continue;
        expect(Object.keys(response.content ?? {}), `${name} ${status}`).toEqual(["application/problem+json"]);
        expect(response.content?.["application/problem+json"]?.schema).toEqual({
          $ref: "#/components/schemas/Problem",
        });
      }
    }
    const schemas = Object.keys(doc.components?.schemas ?? {});
    expect(schemas).toContain("Problem");
    expect(schemas.filter((s) => s.startsWith("error."))).toEqual([]);
  });

  it("documents 429 with the rate-limit headers and 500 on every operation", () => {
    for (const { name, op } of operations) {
      expect(Object.keys(op.responses["429"]?.headers ?? {}), name).toEqual(
        expect.arrayContaining(["X-RateLimit-Limit", "X-RateLimit-Remaining", "X-RateLimit-Reset", "Retry-After"]),
      );
      expect(op.responses["500"], name).toBeDefined();
    }
  });

  it("documents the status each procedure's meta declares for success", () => {
    for (const op of table.operations) {
      if (op.kind !== "procedure") continue;
      const documented = paths[op.path]?.[op.method.toLowerCase()];
      const status = String(op.meta.successStatus ?? 200);
      expect(
        Object.keys(documented?.responses ?? {}).filter((s) => Number(s) < 400),
        op.procedure,
      ).toEqual([status]);
    }
  });

  it("lists each operation's scopes in both credentials' requirements, and none on public ones", () => {
    for (const op of table.operations) {
      if (op.kind !== "procedure") continue;
      const security = paths[op.path]?.[op.method.toLowerCase()]?.security;
      const scopes = op.meta.scopes;
      if (op.meta.openapi?.protect === false) expect(security, op.procedure).toEqual([]);
      else if (!scopes) expect(security, op.procedure).toEqual([{ bearerAuth: [] }]);
      else expect(security, op.procedure).toEqual([{ bearerAuth: [...scopes] }, { apiKey: [...scopes] }]);
    }
  });

  it("documents an operation any API key may call (no scope) as open to keys, and says so", () => {
    const me = table.operations.find((op) => op.kind === "procedure" && op.meta.scopes?.length === 0);
    expect(me).toBeDefined();
    const documented = me && paths[me.path]?.[me.method.toLowerCase()];
    expect(documented?.security).toEqual([{ bearerAuth: [] }, { apiKey: [] }]);
    expect(documented?.description).toContain("Any API key (no scope needed).");
    expect(documented?.description).not.toContain("Not available to API keys");
  });

  it("documents key management as closed to API keys", () => {
    const create = paths["/api-keys"]?.post;
    expect(create?.security).toEqual([{ bearerAuth: [] }]);
    expect(create?.description).toContain("Not available to API keys (app access tokens only).");
  });

  it("documents 413 and 415 on operations that take a body", () => {
    for (const { name, op } of operations) {
      if (!op.requestBody) continue;
      expect(Object.keys(op.responses), name).toEqual(expect.arrayContaining(["400", "413", "415"]));
    }
  });

  it("documents the Rojo project and gradebook CSV downloads with their media types", () => {
    const rojo = paths["/roblox/environments/{environmentId}/rojo"]?.get;
    const csv = paths["/classes/{classId}/gradebook.csv"]?.get;
    expect(Object.keys(rojo?.responses["200"]?.content ?? {})).toEqual(["application/zip"]);
    expect(Object.keys(csv?.responses["200"]?.content ?? {})).toEqual(["text/csv"]);
    expect(Object.keys(rojo?.responses ?? {})).toEqual(expect.arrayContaining(["401", "403", "404", "429"]));
  });

  it("documents the metrics, analytics and class analytics exports as JSON, CSV or XLSX attachments", () => {
    const exports = [
      paths["/metrics/export"]?.post,
      paths["/analytics/export/{format}"]?.get,
      paths["/classes/{classId}/analytics/export/{format}"]?.get,
    ];
    for (const op of exports) {
      expect(Object.keys(op?.responses["200"]?.content ?? {})).toEqual([
        "application/json",
        "text/csv",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      ]);
      expect(Object.keys(op?.responses["200"]?.headers ?? {})).toContain("Content-Disposition");
      expect(Object.keys(op?.responses ?? {})).toEqual(expect.arrayContaining(["400", "401", "403", "429"]));
    }
  });

  it("routes every operation's path to its own procedure (literal paths declared before {param} ones)", () => {
    // The adapter tries the procedures of a method in declaration order and takes the first match.
    const procedures = table.operations.filter((op) => op.kind === "procedure");
    for (const op of procedures) {
      const sample = op.path.replace(/\{[^}]+\}/g, "sample-id");
      const first = procedures.find((other) => other.method === op.method && other.regexp.test(sample));
      expect(first?.procedure, `${op.method} ${op.path}`).toBe(op.procedure);
    }
  });

  it("describes every tag it uses", () => {
    const used = new Set(operations.flatMap(({ op }) => op.tags ?? []));
    const described = (doc.tags ?? []).filter((t) => t.description).map((t) => t.name);
    expect([...used].sort()).toEqual([...described].sort());
  });

  it("shows an example of every request body", () => {
    const missing = operations
      .filter(({ op }) => op.requestBody && !hasExample(op.requestBody.content?.["application/json"]))
      .map(({ name }) => name);
    expect(missing).toEqual([]);
  });

  it("shows an example of every named object schema", () => {
    const missing = Object.entries(doc.components?.schemas ?? {})
      .filter(([, schema]) => (schema as Json).type === "object" && !((schema as Json).examples as unknown[])?.length)
      .map(([name]) => name);
    expect(missing).toEqual([]);
  });

  it("describes every parameter", () => {
    const undescribed = operations.flatMap(({ name, op }) =>
      (op.parameters ?? []).filter((p) => !p.description).map((p) => `${name} ${p.in}:${p.name}`),
    );
    expect(undescribed).toEqual([]);
  });

  it("shows only examples that its own schemas accept", async () => {
    expect(await exampleProblems()).toEqual([]);
  });

  it("makes a request body optional exactly when its schema requires no member", () => {
    const optional = operations.filter(({ op }) => op.requestBody?.required === false).map(({ name }) => name);
    expect(optional).toEqual(
      expect.arrayContaining(["POST /content/{contentId}/publish", "POST /api-keys/{keyId}/rotate"]),
    );
    for (const { name, op } of operations) {
      const schema = resolve(op.requestBody?.content?.["application/json"]?.schema);
      if (!op.requestBody) continue;
      expect(op.requestBody.required, name).toBe((schema?.required?.length ?? 0) > 0);
    }
  });

  it("flags an example its schema refuses (the example check is not vacuous)", async () => {
    const broken = structuredClone(doc) as unknown as { components: { schemas: Record<string, { examples: Json[] }> } };
    const apiKey = broken.components.schemas.ApiKey?.examples[0];
    if (apiKey) apiKey.status = "paused";
    expect(await lintExamples(broken)).toEqual([
      expect.stringContaining("#/components/schemas/ApiKey/examples/0/status"),
    ]);
  });

  it("shows request body examples that the procedures themselves accept", () => {
    const procedures = appRouter._def.procedures as unknown as Record<
      string,
      { _def: { inputs: { safeParse(v: unknown): { success: boolean; error?: unknown } }[] } }
    >;
    for (const op of table.operations) {
      if (op.kind !== "procedure") continue;
      const schema = paths[op.path]?.[op.method.toLowerCase()]?.requestBody?.content?.["application/json"]?.schema;
      for (const example of resolve(schema)?.examples ?? []) {
        // The body plus a sample of each path parameter makes the procedure's whole input.
        const input = {
          ...Object.fromEntries(op.pathParameters.map((name) => [name, "cmx5jyjxv000nur7d96doegwg"])),
          ...(example as Json),
        };
        const parsers = procedures[op.procedure]?._def.inputs ?? [];
        expect(parsers.length, op.procedure).toBeGreaterThan(0);
        for (const parser of parsers) {
          const parsed = parser.safeParse(input);
          expect(parsed.success, `${op.method} ${op.path}: ${String(parsed.error)}`).toBe(true);
        }
      }
    }
  });
});
