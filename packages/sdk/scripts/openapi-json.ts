// The OpenAPI document as the SDK commits it (packages/sdk/openapi.json): the server's own
// document, built by the same function /api/v1/openapi.json serves, as stable pretty JSON.
import { buildOpenApiDocument } from "@toolboxai/api";

export const OPENAPI_JSON = new URL("../openapi.json", import.meta.url);
export const SCHEMA_D_TS = new URL("../src/generated/schema.d.ts", import.meta.url);

/** The text openapi.json must hold: two-space JSON and a final newline. */
export function renderOpenApiJson(): string {
  return `${JSON.stringify(buildOpenApiDocument(), null, 2)}\n`;
}
