// GET /openapi.json: the same document as /api/v1/openapi.json, where tools look for it first.
export { GET } from "../api/v1/openapi.json/route";
