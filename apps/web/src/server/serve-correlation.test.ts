// The production server's correlation ids (scripts/serve-correlation.mjs, used by serve.mjs): the
// same rules as @toolboxai/core's, the same scope the bundled app reads, and every response
// stamped, whatever wrote it. Through a real HTTP server on an ephemeral port.
import http from "node:http";
import type { AddressInfo } from "node:net";
import {
  CORRELATION_HEADER,
  type Correlation,
  correlationFrom,
  correlationResponseHeaders,
  currentCorrelation,
  requestCorrelation,
} from "@toolboxai/core";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as serve from "../../scripts/serve-correlation.mjs";

const cases: Record<string, string>[] = [
  {},
  { "x-correlation-id": "plugin-42", "x-chain-depth": "3", "x-parent-correlation-id": "p-1" },
  { "x-request-id": "legacy" },
  { "x-correlation-id": "not sane!", "x-chain-depth": "-4", "x-parent-correlation-id": "x".repeat(200) },
  { "x-chain-depth": "999" },
  { "x-chain-depth": "1000" },
];

/** Everything but the random ids (which must both be UUIDs when not taken from the caller). */
function comparable(c: Correlation, given: Record<string, string>) {
  const kept = c.correlationId === given["x-correlation-id"] || c.correlationId === given["x-request-id"];
  return { ...c, requestId: "(new)", correlationId: kept ? c.correlationId : "(new)" };
}

describe("the server's rules", () => {
  it("choose the same ids as correlationFrom in @toolboxai/core", () => {
    for (const given of cases) {
      expect(comparable(serve.correlationOf(given, "web"), given)).toEqual(
        comparable(correlationFrom(new Headers(given), "web"), given),
      );
    }
  });

  it("answer the same response headers as correlationResponseHeaders", () => {
    const c = correlationFrom(new Headers(cases[1]), "web");
    expect(serve.correlationResponseHeaders(c)).toEqual(correlationResponseHeaders(c));
  });

  it("enter the scope core's currentCorrelation reads", () => {
    const c = serve.correlationOf({}, "web");
    expect(serve.correlationScope().run(c, () => currentCorrelation())).toBe(c);
  });

  it("write the duration in milliseconds with one decimal and the unit", () => {
    expect(serve.formatDuration(12.345)).toBe("12.3ms");
    expect(serve.formatDuration(-1)).toBe("0.0ms");
  });
});

describe("a request through the server", () => {
  let server: http.Server;
  let base: string;
  const logged: { correlationId?: string; requestId?: string; msg: string }[] = [];
  const seen: { handedOn: Correlation | null; inScope: Correlation | null }[] = [];

  beforeAll(async () => {
    const { correlationLogFields } = await import("@toolboxai/core");
    const log = pino(
      { mixin: correlationLogFields },
      { write: (line: string) => void logged.push(JSON.parse(line) as (typeof logged)[number]) },
    );
    const scope = serve.correlationScope();
    server = http.createServer((req, res) => {
      const correlation = serve.correlateRequest(req, res, "web");
      scope.run(correlation, async () => {
        await new Promise((r) => setTimeout(r, 5));
        const headers = new Headers(req.headers as Record<string, string>);
        seen.push({ handedOn: requestCorrelation(headers, "web"), inScope: currentCorrelation() });
        log.info("handled");
        if (req.url === "/static.js") {
          // As Next serves a build file: headers of its own, none of ours.
          res.writeHead(200, { "content-type": "text/javascript" });
          res.end("1");
        } else {
          // As a page whose proxy already set the ids: they are kept, not set twice.
          res.setHeader("X-Request-ID", correlation.requestId);
          res.statusCode = 404;
          res.end("not found");
        }
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it("stamps a response the app sent without ids with all of them and the duration", async () => {
    const res = await fetch(`${base}/static.js`, {
      headers: { "x-correlation-id": "studio-plugin-1", "x-parent-correlation-id": "p-9", "x-chain-depth": "4" },
    });
    expect(res.headers.get("x-correlation-id")).toBe("studio-plugin-1");
    expect(res.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
    expect(res.headers.get("x-parent-correlation-id")).toBe("p-9");
    expect(res.headers.get("x-service-name")).toBe("web");
    expect(res.headers.get("x-chain-depth")).toBe("5");
    expect(res.headers.get("x-request-duration")).toMatch(/^\d+\.\dms$/);
    expect(Number.parseFloat(res.headers.get("x-request-duration") ?? "")).toBeGreaterThanOrEqual(4);
  });

  it("hands the app the same ids, in CORRELATION_HEADER and in the scope, and its log lines carry them", async () => {
    const res = await fetch(`${base}/page`, {
      headers: { "x-correlation-id": "sis-2", [CORRELATION_HEADER]: JSON.stringify({ forged: true }) },
    });
    expect(res.status).toBe(404);
    const requestId = res.headers.get("x-request-id");
    const last = seen.at(-1);
    expect(last?.handedOn).toMatchObject({ correlationId: "sis-2", requestId });
    expect(last?.inScope).toEqual(last?.handedOn);
    expect(logged.at(-1)).toMatchObject({ msg: "handled", correlationId: "sis-2", requestId });
    expect(res.headers.get("x-request-duration")).toMatch(/ms$/);
  });

  it("gives each request an id of its own", async () => {
    const [a, b] = await Promise.all([fetch(`${base}/static.js`), fetch(`${base}/static.js`)]);
    expect(a.headers.get("x-request-id")).not.toBe(b.headers.get("x-request-id"));
    expect(a.headers.get("x-correlation-id")).not.toBe(b.headers.get("x-correlation-id"));
  });
});
