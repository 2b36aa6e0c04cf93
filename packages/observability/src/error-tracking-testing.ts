// For tests: a stand-in for Sentry's ingest on a loopback port. The SDK POSTs envelopes
// (newline-separated JSON: a header, then an item header and its payload per item) to
// /api/<project>/envelope/; this keeps them and hands back the error events.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { gunzipSync } from "node:zlib";

export interface SentryEvent {
  event_id: string;
  tags?: Record<string, string>;
  exception?: { values: { type: string; value: string }[] };
}

export interface FakeSentry {
  /** A DSN pointing at this server (project 1). */
  dsn: string;
  /** The paths envelopes were POSTed to, query strings removed. */
  paths(): string[];
  /** The error events received, oldest first. */
  events(): SentryEvent[];
  close(): Promise<void>;
}

export async function startFakeSentry(): Promise<FakeSentry> {
  const envelopes: { path: string; items: Record<string, unknown>[] }[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const raw = Buffer.concat(chunks);
      const body = req.headers["content-encoding"] === "gzip" ? gunzipSync(raw) : raw;
      const items = body
        .toString("utf8")
        .split("\n")
        .filter(Boolean)
        .map((line) => JSON.parse(line) as Record<string, unknown>);
      envelopes.push({ path: (req.url ?? "").split("?")[0] ?? "", items });
      res.writeHead(200, { "content-type": "application/json" }).end("{}");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    dsn: `http://public@127.0.0.1:${port}/1`,
    paths: () => envelopes.map((e) => e.path),
    events: () => envelopes.flatMap((e) => e.items.filter((item) => "exception" in item) as unknown as SentryEvent[]),
    close: () => new Promise<void>((resolve, reject) => server.close((err) => (err ? reject(err) : resolve()))),
  };
}
