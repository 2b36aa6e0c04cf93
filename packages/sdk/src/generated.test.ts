// The committed openapi.json and src/generated/schema.d.ts are what the generator makes of the server's code
// now: a procedure that gains, loses or changes an operation fails this until the SDK is
// regenerated (`pnpm --filter @toolboxai/sdk regenerate`) and committed.
import { readFileSync } from "node:fs";
import openapiTS, { astToString, COMMENT_HEADER } from "openapi-typescript";
import { describe, expect, it } from "vitest";
import { OPENAPI_JSON, renderOpenApiJson, SCHEMA_D_TS } from "../scripts/openapi-json";

/** Where two texts first differ, as "line N: committed … / generated …" (null when equal). */
function firstDifference(committed: string, generated: string): string | null {
  if (committed === generated) return null;
  const a = committed.split("\n");
  const b = generated.split("\n");
  const line = a.findIndex((text, i) => text !== b[i]);
  const n = line === -1 ? a.length : line;
  return `line ${n + 1}: committed ${JSON.stringify(a[n] ?? "<end>")} / generated ${JSON.stringify(b[n] ?? "<end>")}`;
}

const HOW = "run `pnpm --filter @toolboxai/sdk regenerate` and commit openapi.json and src/generated/schema.d.ts";

describe("the generated SDK", () => {
  it("commits the OpenAPI document the server builds now", () => {
    const difference = firstDifference(readFileSync(OPENAPI_JSON, "utf8"), renderOpenApiJson());
    expect(difference, `openapi.json is out of date (${HOW})`).toBeNull();
  });

  it("commits the types openapi-typescript makes of that document", async () => {
    const document = JSON.parse(renderOpenApiJson());
    // What the CLI in the `regenerate` script writes: its header, then the printed AST.
    const types = COMMENT_HEADER + astToString(await openapiTS(document, { silent: true }));
    const difference = firstDifference(readFileSync(SCHEMA_D_TS, "utf8"), types);
    expect(difference, `src/generated/schema.d.ts is out of date (${HOW})`).toBeNull();
  });
});
