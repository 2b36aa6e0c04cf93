import { appRouter } from "@toolboxai/api";
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { createContext } from "~/server/context";

function handler(req: Request) {
  return fetchRequestHandler({
    endpoint: "/api/trpc",
    req,
    router: appRouter,
    createContext: () => createContext({ headers: req.headers }),
    responseMeta({ ctx }) {
      return { headers: ctx ? { "x-request-id": ctx.correlationId } : {} };
    },
  });
}

export { handler as GET, handler as POST };
