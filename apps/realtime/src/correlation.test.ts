// Events published while serving a request reach the Pusher-protocol server with that request's
// correlation ids (the publisher's HTTP agent adds them), and the server logs them.
import { Writable } from "node:stream";
import { createRealtimePublisher, newCorrelation, type RealtimePublisher, runWithCorrelation } from "@toolboxai/core";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRealtimeServer, type RealtimeServer } from "./server";

const APP = { id: "corr-app", key: "corr-key", secret: "corr-secret" };
type Line = { msg?: string; path?: string; correlationId?: string; parentCorrelationId?: string };

let server: RealtimeServer;
let publisher: RealtimePublisher;
const lines: Line[] = [];

beforeAll(async () => {
  const sink = new Writable({
    write(chunk, _encoding, done) {
      for (const text of String(chunk).split("\n").filter(Boolean)) lines.push(JSON.parse(text) as Line);
      done();
    },
  });
  server = createRealtimeServer({ port: 0, host: "127.0.0.1", app: APP }, { logger: pino({ level: "debug" }, sink) });
  const { port } = await server.start();
  publisher = createRealtimePublisher(
    { appId: APP.id, key: APP.key, secret: APP.secret, cluster: "mt1", host: "127.0.0.1", port, useTLS: false },
    pino({ level: "silent" }),
  );
});
afterAll(async () => {
  await publisher?.flush();
  await server?.stop();
});

const eventCalls = () => lines.filter((l) => l.msg === "http request" && l.path?.endsWith("/events"));

describe("the publisher's calls to the realtime server", () => {
  it("carry the correlation id of the request that triggered the event, with that request as the parent", async () => {
    const request = newCorrelation("web", "teacher-click-1");
    runWithCorrelation(request, () => publisher.trigger("private-user-1", "test.event", { n: 1 }));
    await publisher.flush();
    expect(publisher.stats()).toMatchObject({ sent: 1, failed: 0 });
    expect(eventCalls().at(-1)).toMatchObject({
      correlationId: "teacher-click-1",
      parentCorrelationId: request.requestId,
    });
  });

  it("keep each request's own id when requests publish at the same time", async () => {
    const a = newCorrelation("web", "request-a");
    const b = newCorrelation("web", "request-b");
    runWithCorrelation(a, () => publisher.trigger("private-user-a", "test.event", {}));
    runWithCorrelation(b, () => publisher.trigger("private-user-b", "test.event", {}));
    await publisher.flush();
    const ids = eventCalls()
      .slice(-2)
      .map((l) => l.correlationId)
      .sort();
    expect(ids).toEqual(["request-a", "request-b"]);
  });

  it("carry no correlation headers from outside any request", async () => {
    const before = eventCalls().length;
    publisher.trigger("private-user-2", "test.event", {});
    await publisher.flush();
    const calls = eventCalls();
    expect(calls.length).toBe(before + 1);
    expect(calls.at(-1)?.correlationId).toBeUndefined();
  });
});
