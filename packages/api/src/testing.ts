// Test fixtures for procedures: the domain world of @toolboxai/core/testing plus tRPC callers
// acting as any of its users, through the same middlewares as a real request.
import { deriveSecret } from "@toolboxai/core";
import { type Actor, createDomainWorld, type DomainWorld, type WorldOptions } from "@toolboxai/core/testing";
import { TRPCError } from "@trpc/server";
import { createContextInner, type RequestInfo } from "./context";
import { createCaller } from "./root";

export { PASSWORD, ROLES, testAgentRuntime, type WorldOptions } from "@toolboxai/core/testing";

/** What test contexts hash API keys with (the app derives its own from NEXTAUTH_SECRET). */
export const TEST_API_KEY_PEPPER = deriveSecret("toolboxai-test-secret-not-for-production", "api-key-hash");

export interface World extends DomainWorld {
  caller(actor: Actor | null, request?: Partial<RequestInfo>): ReturnType<typeof createCaller>;
}

export async function createWorld(options: WorldOptions = {}): Promise<World> {
  const world = await createDomainWorld(options);
  return {
    ...world,
    caller(actor, request) {
      return createCaller(
        createContextInner({
          db: world.t.db,
          actor,
          agents: world.agents,
          realtime: world.realtime,
          apiKeyPepper: TEST_API_KEY_PEPPER,
          request: request
            ? { origin: null, host: "localhost:3000", secFetchSite: null, source: "test", ...request }
            : null,
        }),
      );
    },
  };
}

/** The TRPCError a call fails with; fails the test when the call succeeds. */
export async function errorOf(p: Promise<unknown>): Promise<TRPCError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof TRPCError) return e;
    throw e;
  }
  throw new Error("expected the call to fail");
}
