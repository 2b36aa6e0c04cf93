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
interface Op {
  tags?: string[];
  requestBody?: unknown;
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
});
