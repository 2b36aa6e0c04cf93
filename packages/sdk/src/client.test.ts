// The SDK against a real HTTP server that answers as the API does: headers sent, errors thrown,
// tasks polled, zips downloaded.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createToolboxClient, TaskTimeoutError, ToolboxApiError } from "./index";
import { type FakeServer, json, problemAnswer, startFakeServer } from "./testing/fake-server";

const KEY = "tbx_live_0123456789abcdefghijABCDEFGHIJ0a1b2c";
let server: FakeServer;

beforeAll(async () => {
  server = await startFakeServer();
});
afterAll(() => server.close());
beforeEach(() => {
  server.received.length = 0;
});

async function refusal(promise: Promise<unknown>): Promise<ToolboxApiError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ToolboxApiError);
  return error as ToolboxApiError;
}

describe("requests", () => {
  it("calls paths under /api/v1 of the origin it was given", async () => {
    server.answer(() => json([]));
    await createToolboxClient({ baseUrl: `${server.origin}/`, apiKey: KEY }).get("/classes");
    expect(server.received[0]?.url).toBe("/api/v1/classes");
  });

  it("accepts a base URL that already ends in /api/v1", async () => {
    server.answer(() => json([]));
    await createToolboxClient({ baseUrl: `${server.origin}/api/v1`, apiKey: KEY }).get("/classes");
    expect(server.received[0]?.url).toBe("/api/v1/classes");
  });

  it("sends an API key as a bearer token, never in the URL", async () => {
    server.answer(() => json([]));
    await createToolboxClient({ baseUrl: server.origin, apiKey: KEY }).get("/classes");
    expect(server.received[0]?.headers.authorization).toBe(`Bearer ${KEY}`);
    expect(server.received[0]?.url).not.toContain("tbx_live_");
  });

  it("asks for a fresh access token on every request when given a function", async () => {
    server.answer(() => json([]));
    let n = 0;
    const toolbox = createToolboxClient({ baseUrl: server.origin, accessToken: async () => `token-${++n}` });
    await toolbox.get("/classes");
    await toolbox.get("/classes");
    expect(server.received.map((r) => r.headers.authorization)).toEqual(["Bearer token-1", "Bearer token-2"]);
  });

  it("refuses to be given both an API key and an access token", () => {
    expect(() => createToolboxClient({ baseUrl: server.origin, apiKey: KEY, accessToken: "t" })).toThrow(TypeError);
  });

  it("sends the caller's correlation id, parent id and service name", async () => {
    server.answer(() => json([]));
    await createToolboxClient({
      baseUrl: server.origin,
      apiKey: KEY,
      correlationId: "sis-sync-42",
      parentCorrelationId: "job-7",
      serviceName: "district-sis",
    }).get("/classes");
    const headers = server.received[0]?.headers;
    expect(headers?.["x-correlation-id"]).toBe("sis-sync-42");
    expect(headers?.["x-parent-correlation-id"]).toBe("job-7");
    expect(headers?.["x-service-name"]).toBe("district-sis");
    expect(headers?.["user-agent"]).toMatch(/^district-sis \(toolboxai-sdk\/\d/);
  });

  it("sends no correlation id of its own, so the server picks one", async () => {
    server.answer(() => json([]));
    await createToolboxClient({ baseUrl: server.origin, apiKey: KEY }).get("/classes");
    expect(server.received[0]?.headers["x-correlation-id"]).toBeUndefined();
  });

  it("sends path parameters, query parameters and a JSON body", async () => {
    server.answer(() => json({ user: { id: "u1", name: "Ava", email: "a@b.co", role: "STUDENT" } }, 201));
    const toolbox = createToolboxClient({ baseUrl: server.origin, apiKey: KEY });
    const created = await toolbox.post("/users", { body: { name: "Ava", email: "a@b.co", role: "STUDENT" } });
    expect(created.user.id).toBe("u1");
    expect(server.received[0]?.headers["content-type"]).toBe("application/json");
    expect(JSON.parse(server.received[0]?.body ?? "")).toEqual({ name: "Ava", email: "a@b.co", role: "STUDENT" });
  });
});

describe("errors", () => {
  it("throws a ToolboxApiError carrying the problem's fields", async () => {
    server.answer(() =>
      problemAnswer({
        type: "/docs/problems#bad-request",
        title: "Invalid request",
        status: 400,
        detail: "Input validation failed",
        instance: "/api/v1/users",
        code: "BAD_REQUEST",
        requestId: "req-1",
        correlationId: "chain-1",
        errors: [{ pointer: "/email", detail: "Enter a valid email" }],
        fieldErrors: { email: ["Enter a valid email"] },
      }),
    );
    const error = await refusal(
      createToolboxClient({ baseUrl: server.origin, apiKey: KEY }).post("/users", {
        body: { name: "Ava", email: "nope", role: "STUDENT" },
      }),
    );
    expect(error).toMatchObject({
      status: 400,
      code: "BAD_REQUEST",
      title: "Invalid request",
      detail: "Input validation failed",
      instance: "/api/v1/users",
      requestId: "req-1",
      correlationId: "chain-1",
      fieldErrors: { email: ["Enter a valid email"] },
      errors: [{ pointer: "/email", detail: "Enter a valid email" }],
    });
    expect(error.message).toBe("400 Invalid request: Input validation failed");
  });

  it("reads the rate-limit headers of a 429", async () => {
    server.answer(() =>
      problemAnswer(
        {
          type: "/docs/problems#too-many-requests",
          title: "Too many requests",
          status: 429,
          code: "TOO_MANY_REQUESTS",
        },
        {
          "x-ratelimit-limit": "10",
          "x-ratelimit-remaining": "0",
          "x-ratelimit-reset": "1796180400",
          "retry-after": "42",
        },
      ),
    );
    const error = await refusal(createToolboxClient({ baseUrl: server.origin, apiKey: KEY }).get("/classes"));
    expect(error.rateLimit).toEqual({ limit: 10, remaining: 0, resetAt: 1796180400, retryAfterSeconds: 42 });
  });

  it("still throws a ToolboxApiError when a proxy answers with something that is not a problem", async () => {
    server.answer(() => ({
      status: 502,
      headers: { "content-type": "text/html", "x-request-id": "edge-9" },
      body: "<h1>Bad gateway</h1>",
    }));
    const error = await refusal(createToolboxClient({ baseUrl: server.origin, apiKey: KEY }).get("/classes"));
    expect(error).toMatchObject({ status: 502, code: "HTTP_502", requestId: "edge-9", fieldErrors: {} });
  });
});

describe("waitForTask", () => {
  function taskSequence(...statuses: string[]) {
    let i = 0;
    server.answer(() => {
      const status = statuses[Math.min(i, statuses.length - 1)];
      i++;
      return json({ id: "task-1", status, progress: i });
    });
  }

  it("polls until the task has completed and resolves to it", async () => {
    taskSequence("QUEUED", "PROCESSING", "COMPLETED");
    const task = await createToolboxClient({ baseUrl: server.origin, apiKey: KEY }).waitForTask("task-1", {
      intervalMs: 5,
    });
    expect(task.status).toBe("COMPLETED");
    expect(server.received.map((r) => r.url)).toEqual(Array(3).fill("/api/v1/agents/tasks/task-1"));
  });

  it("reports each change of status or progress", async () => {
    taskSequence("QUEUED", "PROCESSING", "FAILED");
    const seen: string[] = [];
    await createToolboxClient({ baseUrl: server.origin, apiKey: KEY }).waitForTask("task-1", {
      intervalMs: 5,
      onProgress: (task) => seen.push(task.status),
    });
    expect(seen).toEqual(["QUEUED", "PROCESSING", "FAILED"]);
  });

  it("resolves to a cancelled task rather than waiting forever", async () => {
    taskSequence("CANCELLED");
    const task = await createToolboxClient({ baseUrl: server.origin, apiKey: KEY }).waitForTask("task-1");
    expect(task.status).toBe("CANCELLED");
  });

  it("gives up after timeoutMs with the last task it saw", async () => {
    taskSequence("PROCESSING");
    const error = await createToolboxClient({ baseUrl: server.origin, apiKey: KEY })
      .waitForTask("task-1", { intervalMs: 5, timeoutMs: 40 })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TaskTimeoutError);
    expect((error as TaskTimeoutError).task.status).toBe("PROCESSING");
  });

  it("waits out a 429 while polling and carries on", async () => {
    let i = 0;
    server.answer(() =>
      i++ === 0
        ? problemAnswer(
            {
              type: "/docs/problems#too-many-requests",
              title: "Too many requests",
              status: 429,
              code: "TOO_MANY_REQUESTS",
            },
            { "retry-after": "0" },
          )
        : json({ id: "task-1", status: "COMPLETED" }),
    );
    const task = await createToolboxClient({ baseUrl: server.origin, apiKey: KEY }).waitForTask("task-1", {
      intervalMs: 5,
    });
    expect(task.status).toBe("COMPLETED");
  });

  it("throws at once when the task cannot be seen", async () => {
    server.answer(() =>
      problemAnswer({ type: "/docs/problems#not-found", title: "Not found", status: 404, code: "NOT_FOUND" }),
    );
    const error = await refusal(
      createToolboxClient({ baseUrl: server.origin, apiKey: KEY }).waitForTask("task-1", { intervalMs: 5 }),
    );
    expect(error.code).toBe("NOT_FOUND");
    expect(server.received).toHaveLength(1);
  });
});

describe("downloadRojoProject", () => {
  it("returns the zip's bytes and the server's file name", async () => {
    const zip = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]);
    server.answer(() => ({
      headers: {
        "content-type": "application/zip",
        "content-disposition": 'attachment; filename="volcano-lab.rojo.zip"',
      },
      body: zip,
    }));
    const project = await createToolboxClient({ baseUrl: server.origin, apiKey: KEY }).downloadRojoProject("env-1");
    expect(server.received[0]?.url).toBe("/api/v1/roblox/environments/env-1/rojo");
    expect(project).toEqual({ bytes: zip, filename: "volcano-lab.rojo.zip", contentType: "application/zip" });
  });

  it("keeps only the base name of a file name that names a path", async () => {
    server.answer(() => ({
      headers: { "content-type": "application/zip", "content-disposition": 'attachment; filename="../../etc/x.zip"' },
      body: new Uint8Array([1]),
    }));
    const project = await createToolboxClient({ baseUrl: server.origin, apiKey: KEY }).downloadRojoProject("env-1");
    expect(project.filename).toBe("x.zip");
  });

  it("decodes an RFC 5987 file name (filename*=UTF-8'')", async () => {
    server.answer(() => ({
      headers: {
        "content-type": "application/zip",
        "content-disposition": `attachment; filename="lab.zip"; filename*=UTF-8''%C3%A9ruption-lab.zip`,
      },
      body: new Uint8Array([1]),
    }));
    const project = await createToolboxClient({ baseUrl: server.origin, apiKey: KEY }).downloadRojoProject("env-1");
    expect(project.filename).toBe("éruption-lab.zip");
  });

  it("keeps only the base name of an encoded file name that names a path", async () => {
    server.answer(() => ({
      headers: {
        "content-type": "application/zip",
        "content-disposition": "attachment; filename*=UTF-8''..%2F..%2Fx.zip",
      },
      body: new Uint8Array([1]),
    }));
    const project = await createToolboxClient({ baseUrl: server.origin, apiKey: KEY }).downloadRojoProject("env-1");
    expect(project.filename).toBe("x.zip");
  });

  it("throws the problem when the item is not an environment", async () => {
    server.answer(() =>
      problemAnswer({
        type: "/docs/problems#bad-request",
        title: "Invalid request",
        status: 400,
        code: "BAD_REQUEST",
        detail: "Only a Roblox environment can be downloaded as a Roblox project.",
      }),
    );
    const error = await refusal(
      createToolboxClient({ baseUrl: server.origin, apiKey: KEY }).downloadRojoProject("lesson-1"),
    );
    expect(error.detail).toBe("Only a Roblox environment can be downloaded as a Roblox project.");
  });
});
