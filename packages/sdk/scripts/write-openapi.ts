// Writes packages/sdk/openapi.json from the server's document (`pnpm --filter @toolboxai/sdk regenerate`
// runs this, then openapi-typescript for src/generated/schema.d.ts). With --check it writes nothing and exits
// 1 when the committed file differs from what the server's code produces now.
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { OPENAPI_JSON, renderOpenApiJson } from "./openapi-json";

const check = process.argv.includes("--check");
const next = renderOpenApiJson();
const path = fileURLToPath(OPENAPI_JSON);

if (check) {
  let current = "";
  try {
    current = readFileSync(OPENAPI_JSON, "utf8");
  } catch {
    // missing: stale by definition
  }
  if (current !== next) {
    console.error(`${path} is not up to date: run \`pnpm --filter @toolboxai/sdk regenerate\` and commit the result.`);
    process.exit(1);
  }
  console.info(`${path} is up to date.`);
} else {
  writeFileSync(OPENAPI_JSON, next);
  console.info(`wrote ${path}`);
}
