// The proxy (runs before every page and route handler): each response's correlation ids, the ids
// it hands the handlers, and the 508 that ends a request loop.
import { CORRELATION_HEADER, type Correlation, newCorrelation, runWithCorrelation } from "@toolboxai/core";
import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { proxy } from "./proxy";

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

function run(path: string, headers: Record<string, string> = {}) {
  return proxy(new NextRequest(`http://localhost:3000${path}`, { headers }));
}

/** The ids the proxy handed the page or handler (Next passes rewritten request headers this way). */
function handedOn(response: Response): Correlation {
  return JSON.parse(response.headers.get(`x-middleware-request-${CORRELATION_HEADER}`) ?? "null") as Correlation;
}

describe("the proxy's correlation ids", () => {
  it("answers with the caller's correlation id and parent, a new request id, its name and the next depth", () => {
    const res = run("/teacher", {
      "x-correlation-id": "sis-sync-1",
      "x-parent-correlation-id": "sis-batch-9",
      "x-chain-depth": "2",
    });
    expect(res.headers.get("x-correlation-id")).toBe("sis-sync-1");
    expect(res.headers.get("x-request-id")).toMatch(UUID_V4);
    expect(res.headers.get("x-parent-correlation-id")).toBe("sis-batch-9");
    expect(res.headers.get("x-service-name")).toBe("web");
    expect(res.headers.get("x-chain-depth")).toBe("3");
  });

  it("starts a chain of its own for a caller that sent none, or an id that is not sane", () => {
    const callers: Record<string, string>[] = [{}, { "x-correlation-id": "<script>alert(1)</script>" }];
    for (const headers of callers) {
      const res = run("/", headers);
      expect(res.headers.get("x-correlation-id")).toMatch(UUID_V4);
      expect(res.headers.get("x-chain-depth")).toBe("1");
      expect(res.headers.has("x-parent-correlation-id")).toBe(false);
    }
  });

  it("hands the handler the ids the response carries, replacing what a client sent under that header", () => {
    const forged = JSON.stringify(newCorrelation("web", "forged"));
    const res = run("/api/trpc/me.get", { [CORRELATION_HEADER]: forged, "x-correlation-id": "mine" });
    const ids = handedOn(res);
    expect(ids.correlationId).toBe("mine");
    expect(ids.requestId).toBe(res.headers.get("x-request-id"));
  });

  it("uses the ids of the request's scope when the server chose them (scripts/serve.mjs)", () => {
    const chosen = newCorrelation("web", "chosen-by-server");
    const res = runWithCorrelation(chosen, () => run("/", { "x-correlation-id": "ignored-here" }));
    expect(res.headers.get("x-correlation-id")).toBe("chosen-by-server");
    expect(res.headers.get("x-request-id")).toBe(chosen.requestId);
    expect(handedOn(res)).toEqual(chosen);
  });
});

describe("a request loop", () => {
  it("is refused with 508 problem details once the caller's chain is 10 hops deep", async () => {
    const res = run("/api/v1/health", { "x-chain-depth": "11", "x-correlation-id": "looping" });
    expect(res.status).toBe(508);
    expect(res.headers.get("content-type")).toBe("application/problem+json");
    expect(res.headers.get("x-correlation-id")).toBe("looping");
    expect(res.headers.get("x-chain-depth")).toBe("12");
    const body = (await res.json()) as Record<string, unknown>;
    expect(body).toMatchObject({
      type: "/docs/problems#loop-detected",
      title: "Loop Detected",
      status: 508,
      code: "LOOP_DETECTED",
      instance: "/api/v1/health",
      correlationId: "looping",
      requestId: res.headers.get("x-request-id"),
    });
    expect(body.detail).toMatch(/hop 12/);
  });

  it("says no-store once on the 508, even for a request carrying credentials", () => {
    const res = run("/api/v1/classes", { "x-chain-depth": "11", authorization: "Bearer tbx_live_x" });
    expect(res.status).toBe(508);
    expect(res.headers.get("cache-control")).toBe("no-store");
  });

  it("lets the tenth hop through", () => {
    expect(run("/", { "x-chain-depth": "9" }).status).toBe(200);
    expect(run("/", { "x-chain-depth": "10" }).status).toBe(508);
  });
});
