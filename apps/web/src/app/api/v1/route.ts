// GET /api/v1: where an integrator's first request lands. Says where the document and the docs
// are, and how to authenticate, instead of a 404 page.
import { buildOpenApiDocument } from "@toolboxai/api";

export function GET(): Response {
  const { info } = buildOpenApiDocument();
  return Response.json(
    {
      name: info.title,
      version: info.version,
      openapi: "/api/v1/openapi.json",
      docs: "/docs",
      problems: "/docs/problems",
      authentication: "Authorization: Bearer <API key or app access token>, or X-API-Key: <API key>",
      health: "/api/v1/health",
    },
    { headers: { "cache-control": "public, max-age=300" } },
  );
}
