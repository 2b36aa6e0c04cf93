// tRPC for React Server Components: call procedures directly (no HTTP) and prefetch
// queries that client components then read from the hydrated cache.
import "server-only";
import { dehydrate, HydrationBoundary } from "@tanstack/react-query";
import { type AppRouter, createCaller } from "@toolboxai/api";
import { createHydrationHelpers } from "@trpc/react-query/rsc";
import { headers } from "next/headers";
import { cache, createElement } from "react";
import { createContext as createRequestContext } from "~/server/context";
import { makeQueryClient } from "./query-client";

const createContext = cache(async () => {
  const h = new Headers(await headers());
  h.set("x-trpc-source", "rsc");
  return createRequestContext({ headers: h, source: "rsc" });
});

/**
 * One query client per request. No retries here: a prefetch that fails is left out of the
 * hydrated state, and the browser asks again (and shows the error) on its own.
 */
export const getQueryClient = cache(() => {
  const client = makeQueryClient();
  const defaults = client.getDefaultOptions();
  client.setDefaultOptions({ ...defaults, queries: { ...defaults.queries, retry: false } });
  return client;
});
const caller = createCaller(createContext);

export const { trpc: api } = createHydrationHelpers<AppRouter>(caller, getQueryClient);

/**
 * Hands the page's prefetched queries to its client components, once they have settled.
 *
 * Pages prefetch with `void api.x.prefetch()` and their client components read with `useQuery`,
 * which never suspends. Dehydrating a query still in flight streamed its promise to the browser:
 * the server rendered the component's loading state, and when the promise resolved before React
 * hydrated (most pages, most of the time) the browser's first render already had the data, a
 * different tree: React's hydration error #418. Waiting here means both render the data (and the
 * page arrives complete instead of as skeletons); a failed query is not dehydrated, so both render
 * its loading state and the browser fetches it again.
 */
export async function HydrateClient({ children }: { children: React.ReactNode }) {
  const client = getQueryClient();
  const inFlight = client
    .getQueryCache()
    .findAll({ fetchStatus: "fetching" })
    .map((query) => query.promise);
  await Promise.allSettled(inFlight);
  return createElement(HydrationBoundary, { state: dehydrate(client) }, children);
}
