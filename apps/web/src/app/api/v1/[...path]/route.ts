// The REST API, /api/v1/*: @toolboxai/api's REST handler (trpc-to-openapi over the same router,
// procedures and middlewares as /api/trpc) with this app's context. The document is at
// /api/v1/openapi.json (a static segment, so it wins over this catch-all), the docs at /docs.
import { createRestHandler } from "@toolboxai/api";
import { recordApiKeyResponse } from "~/server/api-key-usage";
import { createContext } from "~/server/context";
import { logger } from "~/server/logger";

export const dynamic = "force-dynamic";

const handler = createRestHandler({
  createContext: (req) => createContext({ headers: req.headers, source: "rest", url: req.url }),
  onResponse: recordApiKeyResponse,
  logger: logger.child({ component: "rest" }),
});

/** Next passes the route's params as a second argument; the handler reads the path from the URL. */
function handle(req: Request): Promise<Response> {
  return handler(req);
}

export {
  handle as DELETE,
  handle as GET,
  handle as HEAD,
  handle as OPTIONS,
  handle as PATCH,
  handle as POST,
  handle as PUT,
};
