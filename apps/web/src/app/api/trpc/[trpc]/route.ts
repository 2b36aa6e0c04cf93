import { appRouter, rateLimitResponseHeaders } from "@toolboxai/api";
import { correlationResponseHeaders, TRPC_MAX_BATCH_SIZE } from "@toolboxai/core";
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { createContext } from "~/server/context";

function handler(req: Request) {
  return fetchRequestHandler({
    endpoint: "/api/trpc",
    req,
    router: appRouter,
    // A batch carrying more calls is refused whole with 400 (the web client's batch link sends fewer).
    maxBatchSize: TRPC_MAX_BATCH_SIZE,
    createContext: () => createContext({ headers: req.headers, url: req.url }),
    responseMeta({ ctx, errors }) {
      // Every counted call says where the caller stands against its limits; a 429 also says when to try again.
      return {
        headers: {
          ...(ctx ? correlationResponseHeaders(ctx.correlation) : {}),
          ...rateLimitResponseHeaders(ctx, errors),
        },
      };
    },
  });
}

export { handler as GET, handler as POST };
