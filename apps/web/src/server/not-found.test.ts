import { TRPCError } from "@trpc/server";
import { describe, expect, it } from "vitest";
import { notFoundUnless } from "./not-found";

/** Next's notFound() throws an error whose digest makes the response HTTP 404. */
async function digestOf(promise: Promise<unknown>): Promise<string | undefined> {
  try {
    await promise;
    return undefined;
  } catch (error) {
    return (error as { digest?: string }).digest;
  }
}

describe("notFoundUnless", () => {
  it("answers 404 when the procedure says the thing does not exist", async () => {
    const missing = () => Promise.reject(new TRPCError({ code: "NOT_FOUND", message: "Class not found" }));
    expect(await digestOf(notFoundUnless(missing))).toBe("NEXT_HTTP_ERROR_FALLBACK;404");
  });

  it("lets the page render when the thing exists", async () => {
    await expect(notFoundUnless(() => Promise.resolve({ id: "c1" }))).resolves.toBeUndefined();
  });

  it("leaves other failures to the page (no 404 for a forbidden or broken load)", async () => {
    const forbidden = () => Promise.reject(new TRPCError({ code: "FORBIDDEN" }));
    const broken = () => Promise.reject(new Error("database down"));
    await expect(notFoundUnless(forbidden)).resolves.toBeUndefined();
    await expect(notFoundUnless(broken)).resolves.toBeUndefined();
  });
});
