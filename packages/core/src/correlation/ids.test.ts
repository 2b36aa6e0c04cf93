// The ids a request gets from its headers, and the headers it answers and passes on with.
import { describe, expect, it } from "vitest";
import {
  CORRELATION_HEADER,
  chainTooDeep,
  correlationFrom,
  correlationOutgoingHeaders,
  correlationResponseHeaders,
  MAX_CHAIN_DEPTH,
  newCorrelation,
  requestCorrelation,
} from "./ids";

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const from = (headers: Record<string, string>) => correlationFrom(new Headers(headers), "web");

describe("correlationFrom", () => {
  it("keeps the caller's X-Correlation-ID when it is sane", () => {
    expect(from({ "x-correlation-id": "sis-sync:2026-12-02.1" }).correlationId).toBe("sis-sync:2026-12-02.1");
  });

  it("replaces an X-Correlation-ID that is too long or carries other characters with a new UUID v4", () => {
    for (const bad of ["a".repeat(129), "two words", "<script>", "semi;colon", "ünïcode", ""]) {
      const c = from({ "x-correlation-id": bad });
      expect(c.correlationId).toMatch(UUID_V4);
    }
  });

  it("takes an older client's X-Request-ID as the chain id when it sends no X-Correlation-ID", () => {
    expect(from({ "x-request-id": "legacy-42" }).correlationId).toBe("legacy-42");
  });

  it("gives every request an id of its own, whatever the caller sent", () => {
    const a = from({ "x-correlation-id": "same", "x-request-id": "same" });
    const b = from({ "x-correlation-id": "same", "x-request-id": "same" });
    expect(a.requestId).toMatch(UUID_V4);
    expect(b.requestId).toMatch(UUID_V4);
    expect(a.requestId).not.toBe(b.requestId);
  });

  it("keeps a sane X-Parent-Correlation-ID and drops another", () => {
    expect(from({ "x-parent-correlation-id": "parent-1" }).parentCorrelationId).toBe("parent-1");
    expect(from({ "x-parent-correlation-id": "not sane" }).parentCorrelationId).toBeNull();
    expect(from({}).parentCorrelationId).toBeNull();
  });

  it("counts this request one hop deeper than its caller, starting at 1", () => {
    expect(from({}).chainDepth).toBe(1);
    expect(from({ "x-chain-depth": "3" }).chainDepth).toBe(4);
    for (const bad of ["-1", "abc", "1000", ""]) expect(from({ "x-chain-depth": bad }).chainDepth).toBe(1);
  });

  it("names the answering service", () => {
    expect(correlationFrom(new Headers(), "worker").serviceName).toBe("worker");
  });
});

describe("chainTooDeep", () => {
  it(`refuses the hop after the ${MAX_CHAIN_DEPTH}th: a caller at depth 10 or more`, () => {
    expect(chainTooDeep(from({ "x-chain-depth": String(MAX_CHAIN_DEPTH - 1) }))).toBe(false);
    expect(chainTooDeep(from({ "x-chain-depth": String(MAX_CHAIN_DEPTH) }))).toBe(true);
    expect(chainTooDeep(from({ "x-chain-depth": "11" }))).toBe(true);
  });
});

describe("requestCorrelation", () => {
  it("reads the ids the edge chose from CORRELATION_HEADER", () => {
    const chosen = from({ "x-correlation-id": "edge-chain", "x-chain-depth": "2" });
    const read = requestCorrelation(
      new Headers({ [CORRELATION_HEADER]: JSON.stringify(chosen), "x-correlation-id": "other" }),
      "web",
    );
    expect(read).toEqual(chosen);
  });

  it("derives the ids from the request's own headers when CORRELATION_HEADER is not valid JSON of ids", () => {
    for (const bad of ["{not json", JSON.stringify({ correlationId: "x y", requestId: "r", chainDepth: 1 })]) {
      const read = requestCorrelation(new Headers({ [CORRELATION_HEADER]: bad, "x-correlation-id": "own" }), "web");
      expect(read.correlationId).toBe("own");
      expect(read.requestId).toMatch(UUID_V4);
    }
  });

  it("derives the ids from the request's own headers when the chosen depth is below 1 or above 1000", () => {
    for (const chainDepth of [0, -3, 1001, Number.MAX_SAFE_INTEGER]) {
      const chosen = JSON.stringify({ correlationId: "edge", requestId: "req-1", chainDepth, serviceName: "web" });
      const read = requestCorrelation(
        new Headers({ [CORRELATION_HEADER]: chosen, "x-correlation-id": "own", "x-chain-depth": "3" }),
        "web",
      );
      expect({ chainDepth, correlationId: read.correlationId, depth: read.chainDepth }).toEqual({
        chainDepth,
        correlationId: "own",
        depth: 4,
      });
    }
  });

  it("keeps the depths 1 and 1000 the edge may choose", () => {
    for (const chainDepth of [1, 1000]) {
      const chosen = JSON.stringify({ correlationId: "edge", requestId: "req-1", chainDepth, serviceName: "web" });
      expect(requestCorrelation(new Headers({ [CORRELATION_HEADER]: chosen }), "web").chainDepth).toBe(chainDepth);
    }
  });

  it("answers with its own service name when the chosen one is not a sane id", () => {
    for (const serviceName of ["web\r\nSet-Cookie: x=1", "a b", "", "x".repeat(129), 42]) {
      const chosen = JSON.stringify({ correlationId: "edge", requestId: "req-1", chainDepth: 1, serviceName });
      const read = requestCorrelation(new Headers({ [CORRELATION_HEADER]: chosen }), "web");
      expect(read).toMatchObject({ correlationId: "edge", requestId: "req-1", serviceName: "web" });
    }
  });
});

describe("the headers", () => {
  it("a response carries the chain id, its own id, the parent when there is one, the service and the depth", () => {
    const c = from({ "x-correlation-id": "chain", "x-parent-correlation-id": "up", "x-chain-depth": "1" });
    expect(correlationResponseHeaders(c)).toEqual({
      "X-Correlation-ID": "chain",
      "X-Request-ID": c.requestId,
      "X-Parent-Correlation-ID": "up",
      "X-Service-Name": "web",
      "X-Chain-Depth": "2",
    });
    expect(correlationResponseHeaders(from({}))).not.toHaveProperty("X-Parent-Correlation-ID");
  });

  it("an outgoing call keeps the chain, names this request as its parent and passes the depth on", () => {
    const c = from({ "x-correlation-id": "chain", "x-chain-depth": "4" });
    const out = correlationOutgoingHeaders(c);
    expect(out).toEqual({
      "X-Correlation-ID": "chain",
      "X-Parent-Correlation-ID": c.requestId,
      "X-Chain-Depth": "5",
      "X-Service-Name": "web",
    });
    // The service called next counts itself one deeper.
    expect(correlationFrom(new Headers(out), "model").chainDepth).toBe(6);
  });

  it("work no request started gets a chain of its own, or keeps a sane one it is given", () => {
    expect(newCorrelation("worker").correlationId).toMatch(UUID_V4);
    expect(newCorrelation("worker", "task-chain")).toMatchObject({
      correlationId: "task-chain",
      chainDepth: 1,
      parentCorrelationId: null,
      serviceName: "worker",
    });
    expect(newCorrelation("worker", "not sane").correlationId).toMatch(UUID_V4);
  });
});
