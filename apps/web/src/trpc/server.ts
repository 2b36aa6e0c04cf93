// tRPC for React Server Components: call procedures directly (no HTTP) and prefetch
// queries that client components then read from the hydrated cache.
import "server-only";
import { type AppRouter, createCaller } from "@toolboxai/api";
import { createHydrationHelpers } from "@trpc/react-query/rsc";
import { headers } from "next/headers";
import { cache } from "react";
import { createContext as createRequestContext } from "~/server/context";
import { makeQueryClient } from "./query-client";

const createContext = cache(async () => {
  const h = new Headers(await headers());
  h.set("x-trpc-source", "rsc");
  return createRequestContext({ headers: h, source: "rsc" });
});

export const getQueryClient = cache(makeQueryClient);
const caller = createCaller(createContext);

export const { trpc: api, HydrateClient } = createHydrationHelpers<AppRouter>(caller, getQueryClient);
