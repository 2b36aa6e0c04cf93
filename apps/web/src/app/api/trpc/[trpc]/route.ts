import { appRouter } from "@toolboxai/api";
import { correlationResponseHeaders, TRPC_MAX_BATCH_SIZE } from "@toolboxai/core";
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { createContext } from "~/server/context";
import { rateLimitHeadersOf } from "~/server/rate-limit";

function handler(req: Request) {
  return fetchRequestHandler({
    endpoint: "/api/trpc",
    req,
    router: appRouter,
    // A batch carrying more calls is refused whole with 400 (the web client's batch link sends fewer).
    maxBatchSize: TRPC_MAX_BATCH_SIZE,
    createContext: () => createContext({ headers: req.headers }),
    responseMeta({ ctx, errors }) {
      // A call refused by a limit (429) says when to try again, and what the limit is.
      return {
        headers: { ...(ctx ? correlationResponseHeaders(ctx.correlation) : {}), ...rateLimitHeadersOf(errors) },
      };
    },
  });
}

export { handler as GET, handler as POST };
