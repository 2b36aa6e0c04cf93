import { defaultShouldDehydrateQuery, QueryClient } from "@tanstack/react-query";
import superjson from "superjson";

/** Whether a tRPC call was refused by a rate limit: retrying at once would only be refused again. */
function isTooManyRequests(error: unknown): boolean {
  return (error as { data?: { code?: unknown } } | null)?.data?.code === "TOO_MANY_REQUESTS";
}

export function makeQueryClient() {
  return new QueryClient({
    defaultOptions: {
      queries: { staleTime: 30 * 1000, retry: (failures, error) => failures < 1 && !isTooManyRequests(error) },
      dehydrate: {
        serializeData: superjson.serialize,
        shouldDehydrateQuery: (query) => defaultShouldDehydrateQuery(query) || query.state.status === "pending",
      },
      hydrate: { deserializeData: superjson.deserialize },
    },
  });
}
