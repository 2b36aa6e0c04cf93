import "server-only";
import { TRPCError } from "@trpc/server";
import { notFound } from "next/navigation";

/**
 * Answers the page with HTTP 404 (and the nearest `not-found.tsx`) when `load` says the thing the
 * URL names does not exist for this person. Any other failure is left to the page's client
 * component, which shows it as before.
 */
export async function notFoundUnless(load: () => Promise<unknown>): Promise<void> {
  let missing = false;
  try {
    await load();
  } catch (error) {
    missing = error instanceof TRPCError && error.code === "NOT_FOUND";
  }
  if (missing) notFound();
}
