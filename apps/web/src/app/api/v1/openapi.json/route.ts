// GET /api/v1/openapi.json (and /openapi.json): the REST API's OpenAPI 3.1 document, built once
// per process from the routers' meta. Public: it describes the API, never anyone's data.
import { buildOpenApiDocument } from "@toolboxai/api";

export function GET(): Response {
  return Response.json(buildOpenApiDocument(), {
    headers: { "cache-control": "public, max-age=300", "access-control-allow-origin": "*" },
  });
}
