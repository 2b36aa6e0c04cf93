// The correlation scope: what runs inside it (awaits, timers, callbacks) sees its ids; code
// outside sees none; a copy of the module (as Next bundles one) shares the same store.
import { afterEach, describe, expect, it, vi } from "vitest";
import { newCorrelation } from "./ids";
import {
  CORRELATION_SCOPE_KEY,
  correlationLogFields,
  currentCorrelation,
  currentOutgoingHeaders,
  runWithCorrelation,
} from "./scope";

afterEach(() => vi.resetModules());

describe("the correlation scope", () => {
  it("is current through awaits, timers and event callbacks started inside it", async () => {
    const c = newCorrelation("web", "chain-a");
    const seen = await runWithCorrelation(c, async () => {
      await new Promise((r) => setTimeout(r, 1));
      const inTimer = await new Promise((resolve) => setTimeout(() => resolve(currentCorrelation()), 1));
      const inMicrotask = await Promise.resolve().then(() => currentCorrelation());
      return [currentCorrelation(), inTimer, inMicrotask];
    });
    expect(seen).toEqual([c, c, c]);
  });

  it("is none outside any scope", () => {
    expect(currentCorrelation()).toBeNull();
    expect(correlationLogFields()).toEqual({});
    expect(currentOutgoingHeaders()).toEqual({});
  });

  it("keeps concurrent requests apart", async () => {
    const a = newCorrelation("web", "chain-a");
    const b = newCorrelation("web", "chain-b");
    const read = (c: typeof a, ms: number) =>
      runWithCorrelation(c, async () => {
        await new Promise((r) => setTimeout(r, ms));
        return currentCorrelation()?.correlationId;
      });
    expect(await Promise.all([read(a, 5), read(b, 1)])).toEqual(["chain-a", "chain-b"]);
  });

  it("gives log lines the chain id and the request's own id", () => {
    const c = newCorrelation("web", "chain-a");
    expect(runWithCorrelation(c, correlationLogFields)).toEqual({ correlationId: "chain-a", requestId: c.requestId });
  });

  it("gives outgoing calls the chain, this request as parent and the depth", () => {
    const c = newCorrelation("worker", "chain-a");
    expect(runWithCorrelation(c, currentOutgoingHeaders)).toEqual({
      "X-Correlation-ID": "chain-a",
      "X-Parent-Correlation-ID": c.requestId,
      "X-Chain-Depth": "1",
      "X-Service-Name": "worker",
    });
  });

  it("is one store per process: a second copy of the module reads the first one's scope", async () => {
    vi.resetModules();
    // A query string makes the module loader evaluate the file again: a second, separate copy.
    const copy = (await import(`./scope?copy=${Date.now()}` as string)) as typeof import("./scope");
    const c = newCorrelation("web", "shared");
    expect(copy.runWithCorrelation).not.toBe(runWithCorrelation);
    expect(runWithCorrelation(c, () => copy.currentCorrelation())).toBe(c);
    expect((globalThis as Record<symbol, unknown>)[CORRELATION_SCOPE_KEY]).toBeDefined();
  });
});
