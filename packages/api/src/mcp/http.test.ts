// The MCP endpoint's handler (what apps/web's /api/mcp serves) with the SDK's own client: its
// transport's fetch hands each request to the handler with a context built as the app builds one
// (an API key's actor, a rate limiter). What only the handler decides is checked here: limits,
// the body cap, the headers of every answer, and what a client is told when a tool breaks. The
// route over real HTTP, with real keys, is tested in apps/web (src/app/api/mcp).
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { type Actor, createRateLimiter, type RateLimiter } from "@toolboxai/core";
import { API_SCOPES, apiScopesFor } from "@toolboxai/validators";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createContextInner } from "../context";
import { createWorld, type World } from "../testing";
import { createMcpHandler } from "./http";

const ENDPOINT = "http://localhost:3000/api/mcp";

let w: World;
let teacherKey: Actor;
beforeAll(async () => {
  w = await createWorld();
  // The actor an API key resolves to (apps/web's context verifies the key itself).
  teacherKey = {
    ...(await w.actor("a", "TEACHER")),
    apiKeyId: "key-of-the-test",
    scopes: [...apiScopesFor("TEACHER")],
  };
});
afterAll(() => w.t.close());

const failures: { fields: object; message: string }[] = [];
const handler = createMcpHandler({
  logger: { error: (fields, message) => failures.push({ fields, message }), warn: () => undefined },
});

/** An SDK client whose every request is answered by the handler, each with a fresh context. */
async function connect(actor: Actor, limiter: RateLimiter | null = null): Promise<Client> {
  const client = new Client({ name: "handler-suite", version: "1.0.0" });
  const transport = new StreamableHTTPClientTransport(new URL(ENDPOINT), {
    fetch: async (url, init) =>
      handler(
        new Request(url, init),
        // No agents runtime: a draft tool fails as a broken dependency would.
        createContextInner({ db: w.t.db, actor, rateLimiter: limiter }),
      ),
  });
  await client.connect(transport);
  return client;
}

function post(actor: Actor, body: string, limiter: RateLimiter | null = null) {
  return handler(
    new Request(ENDPOINT, {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/json, text/event-stream" },
      body,
    }),
    createContextInner({ db: w.t.db, actor, rateLimiter: limiter }),
  );
}

const LIST_TOOLS = JSON.stringify({ jsonrpc: "2.0", id: 1, method: "tools/list", params: {} });

describe("the MCP handler", () => {
  it("answers with the request's ids, the rate-limit fields and no caching", async () => {
    const limiter = createRateLimiter({ keyPrefix: `mcp-headers-${Date.now()}` });
    const res = await post(teacherKey, LIST_TOOLS, limiter);
    expect(res.status).toBe(200);
    expect(res.headers.get("x-request-id")).toMatch(/\S/);
    expect(res.headers.get("x-correlation-id")).toMatch(/\S/);
    expect(res.headers.get("ratelimit-policy")).toMatch(/"api\.(key|user)"/);
    expect(res.headers.get("cache-control")).toBe("no-store");
  });

  it("counts each request against the key's budget and answers 429 with Retry-After once it is spent", async () => {
    const limiter = createRateLimiter({
      keyPrefix: `mcp-limit-${Date.now()}`,
      limits: { "api.key": { description: "test", points: 2, duration: 60, perPlan: false, penalize: false } },
    });
    expect((await post(teacherKey, LIST_TOOLS, limiter)).status).toBe(200);
    expect((await post(teacherKey, LIST_TOOLS, limiter)).status).toBe(200);
    const refused = await post(teacherKey, LIST_TOOLS, limiter);
    expect(refused.status).toBe(429);
    expect(refused.headers.get("content-type")).toBe("application/problem+json");
    expect(refused.headers.get("retry-after")).toMatch(/^\d+$/);
    expect(((await refused.json()) as { code: string }).code).toBe("TOO_MANY_REQUESTS");
  });

  it("refuses a body over 1 MiB with 413 before anything reads it", async () => {
    const res = await post(
      teacherKey,
      JSON.stringify({ jsonrpc: "2.0", id: 1, method: "x", params: { pad: "a".repeat(1 << 20) } }),
    );
    expect(res.status).toBe(413);
    expect(((await res.json()) as { code: string }).code).toBe("PAYLOAD_TOO_LARGE");
  });

  it("answers malformed JSON with 400 in the problem shape", async () => {
    const res = await post(teacherKey, "{not json");
    expect(res.status).toBe(400);
    expect(((await res.json()) as { code: string }).code).toBe("PARSE_ERROR");
  });

  it("tells the client only that a broken tool failed, with the request id, and logs the failure", async () => {
    const client = await connect(teacherKey);
    failures.length = 0;
    const result = await client.callTool({ name: "draft_lesson", arguments: { topic: "Volcanoes" } });
    expect(result.isError).toBe(true);
    const text = (result.content as { text: string }[])[0]?.text ?? "";
    expect(text).toMatch(/^Something went wrong on our side \(request id \S+\)\. Try again shortly\.$/);
    expect(text).not.toMatch(/agent runtime/);
    expect(failures).toEqual([
      expect.objectContaining({
        message: "mcp: tool failed",
        fields: expect.objectContaining({ tool: "draft_lesson" }),
      }),
    ]);
    await client.close();
  });

  it("refuses input the tool's schema refuses, naming the field", async () => {
    const client = await connect(teacherKey);
    const result = await client.callTool({ name: "open_content", arguments: {} });
    expect(result.isError).toBe(true);
    expect((result.content as { text: string }[])[0]?.text).toMatch(/contentId/);
    await client.close();
  });

  it("offers no content resources and no prompts to a key without their scopes", async () => {
    const client = await connect({ ...teacherKey, scopes: ["gradebook:read"] });
    expect((await client.listResourceTemplates()).resourceTemplates).toEqual([]);
    expect((await client.listResources()).resources).toEqual([]);
    expect((await client.listPrompts()).prompts).toEqual([]);
    expect((await client.listTools()).tools.map((t) => t.name).sort()).toEqual([
      "gradebook_summary",
      "student_progress",
    ]);
    await client.close();
  });

  it("refuses a prompt argument out of range", async () => {
    const client = await connect({ ...teacherKey, scopes: [...API_SCOPES.filter((s) => s !== "admin")] });
    await expect(client.getPrompt({ name: "plan_unit", arguments: { topic: "Cells", weeks: "40" } })).rejects.toThrow(
      /weeks/,
    );
    await client.close();
  });
});
