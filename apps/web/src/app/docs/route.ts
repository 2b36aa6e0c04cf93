// GET /docs: the REST API's interactive reference, Swagger UI over /api/v1/openapi.json, served
// entirely from our origin (scripts/copy-docs-assets.mjs puts the bundle in public/docs-assets):
// no CDN, no validator badge (validatorUrl: null), credentials kept in memory only.
import { htmlResponse, NAV_STYLE, nav, requestNonce } from "./page-shell";

export const dynamic = "force-dynamic";

const CONFIG = {
  url: "/api/v1/openapi.json",
  dom_id: "#swagger-ui",
  validatorUrl: null,
  deepLinking: true,
  persistAuthorization: false,
  displayRequestDuration: true,
  docExpansion: "list",
  defaultModelsExpandDepth: 0,
  filter: true,
};

export async function GET(): Promise<Response> {
  const nonce = await requestNonce();
  return htmlResponse(`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>API reference · ToolboxAI</title>
<link rel="stylesheet" href="/docs-assets/swagger-ui.css">
<style>${NAV_STYLE}body{margin:0}</style>
</head>
<body>
${nav()}
<main id="swagger-ui"></main>
<script nonce="${nonce}" src="/docs-assets/swagger-ui-bundle.js"></script>
<script nonce="${nonce}">window.ui = SwaggerUIBundle(${JSON.stringify(CONFIG)});</script>
</body>
</html>
`);
}
