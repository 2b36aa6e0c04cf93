import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTracing, stopTracing, type TracingHandle, withSpan } from "./tracing";

interface Received {
  path: string;
  contentType: string | undefined;
  body: Buffer;
}

// A stand-in for an OpenTelemetry collector: it keeps what is POSTed to it.
const received: Received[] = [];
const collector = http.createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on("data", (chunk: Buffer) => chunks.push(chunk));
  req.on("end", () => {
    received.push({ path: req.url ?? "", contentType: req.headers["content-type"], body: Buffer.concat(chunks) });
    res.writeHead(200, { "content-type": "application/json" }).end("{}");
  });
});
let handle: TracingHandle | null;

beforeAll(async () => {
  await new Promise<void>((resolve) => collector.listen(0, "127.0.0.1", resolve));
  const { port } = collector.address() as AddressInfo;
  handle = await startTracing({ serviceName: "toolboxai-otlp-test", endpoint: `http://127.0.0.1:${port}/` });
});
afterAll(async () => {
  await stopTracing();
  await new Promise((resolve) => collector.close(resolve));
});

describe("the OTLP/HTTP exporter", () => {
  it("sends the spans to <endpoint>/v1/traces with their names and service", async () => {
    await withSpan("GET /api/v1/metrics/dashboard", { attributes: { "http.route": "/api/v1/metrics/dashboard" } }, () =>
      withSpan("model.call", {}, async () => {}),
    );
    await handle?.forceFlush();
    expect(received.map((r) => r.path)).toEqual(["/v1/traces"]);
    const body = JSON.parse(received[0]?.body.toString("utf8") ?? "{}");
    const resource = body.resourceSpans[0].resource.attributes;
    const spans = body.resourceSpans[0].scopeSpans.flatMap((s: { spans: { name: string }[] }) => s.spans);
    expect(resource).toContainEqual({ key: "service.name", value: { stringValue: "toolboxai-otlp-test" } });
    expect(spans.map((s: { name: string }) => s.name).sort()).toEqual(["GET /api/v1/metrics/dashboard", "model.call"]);
  });
});
