// /api/mcp as MCP clients use it: the SDK's own Client over Streamable HTTP against the app's real
// route behind a real HTTP server, with keys made by the app. A key lists the tools its scopes
// allow, calls them as its teacher, reads content as resources and gets the prompts; a request
// without a key (or with a browser session) is refused in the REST API's problem shape. Only
// next-auth's session lookup and the database handle are the test's.

import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport, StreamableHTTPError } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { problemSchema } from "@toolboxai/api";
import type { World } from "@toolboxai/api/testing";
import { displayPrefix } from "@toolboxai/core";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { type McpWorld, startMcpWorld } from "~/test/mcp-world";

const holder = vi.hoisted(() => ({ db: null as unknown }));
vi.mock("next-auth", async (importOriginal) => {
  const { sessionScope } = await import("~/test/rest/http-server");
  return {
    ...(await importOriginal<typeof import("next-auth")>()),
    getServerSession: async () => {
      const id = sessionScope.getStore();
      return id ? { user: { id } } : null;
    },
  };
});
vi.mock("~/server/db", () => ({ getDb: () => holder.db }));

const mcp = await import("./route");
const trpc = await import("~/app/api/trpc/[trpc]/route");
const { apiKeyUsageSettled } = await import("~/server/api-key-usage");

const TEACHER_TOOLS = [
  "class_summary",
  "draft_lesson",
  "draft_quiz",
  "draft_roblox_environment",
  "gradebook_summary",
  "list_my_classes",
  "open_content",
  "search_content",
  "student_progress",
  "task_status",
];

let mw: McpWorld;
let fullKey: string;
beforeAll(async () => {
  mw = await startMcpWorld({ mcp, trpc }, (w: World) => {
    holder.db = w.t.db;
  });
  fullKey = await mw.teacherKey();
});
afterAll(() => mw?.close());

const names = (tools: { name: string }[]) => tools.map((t) => t.name).sort();

/** The text of a prompt's first message. */
function promptText(prompt: { messages: { content: unknown }[] }): string {
  return (prompt.messages[0]?.content as { text?: string } | undefined)?.text ?? "";
}

/** A JSON-RPC initialize, as a client's first POST sends it. */
function initialize(headers: Record<string, string>) {
  return fetch(mw.endpoint, {
    method: "POST",
    headers: { "content-type": "application/json", accept: "application/json, text/event-stream", ...headers },
    body: JSON.stringify({
      jsonrpc: "2.0",
      id: 1,
      method: "initialize",
      params: { protocolVersion: "2025-11-25", capabilities: {}, clientInfo: { name: "curl", version: "1" } },
    }),
  });
}

describe("tools", () => {
  it("lists the teacher's tools, and no student tool, to a key holding every teacher scope", async () => {
    const client = await mw.connect(fullKey);
    const { tools } = await client.listTools();
    expect(names(tools)).toEqual(TEACHER_TOOLS);
    const draft = tools.find((t) => t.name === "draft_lesson");
    expect(draft?.title).toBe("Draft a lesson");
    expect(draft?.inputSchema).toMatchObject({ type: "object", properties: { topic: { type: "string" } } });
  });

  it("lists only the tools content:read allows (search, open, task status) to a key holding only it", async () => {
    const client = await mw.connect(await mw.teacherKey(["content:read"]));
    expect(names((await client.listTools()).tools)).toEqual(["open_content", "search_content", "task_status"]);
  });

  it("calls list_my_classes and answers the teacher's class, as text and as structured content", async () => {
    const client = await mw.connect(fullKey);
    const result = await client.callTool({ name: "list_my_classes", arguments: {} });
    expect(result.isError).toBeFalsy();
    const structured = result.structuredContent as { classes: { id: string; name: string }[] };
    expect(structured.classes).toEqual([expect.objectContaining({ id: mw.classId, name: "Period 3 Biology" })]);
    const [text] = result.content as { type: string; text: string }[];
    expect(JSON.parse(text?.text ?? "")).toEqual(structured);
  });

  it("audits the call as made over MCP, with the request's correlation id", async () => {
    const client = await mw.connect(fullKey);
    await client.callTool({ name: "search_content", arguments: { query: "photosynthesis" } });
    const rows = await mw.w.t.db.auditLog.findMany({
      where: { action: "assistant.tool_call", targetId: "search_content" },
    });
    expect(rows).toEqual([
      expect.objectContaining({
        actorId: mw.w.users.a.TEACHER.id,
        metadata: expect.objectContaining({ tool: "search_content", via: "mcp", ok: true }),
        correlationId: expect.stringMatching(/\S/),
      }),
    ]);
  });

  it("counts the key's requests in its usage, by MCP method and tool", async () => {
    const key = await mw.teacherKey(["classes:read"]);
    const client = await mw.connect(key);
    await client.callTool({ name: "list_my_classes", arguments: {} });
    await apiKeyUsageSettled();
    const rows = await mw.w.t.db.apiKeyUsage.findMany({
      where: { apiKey: { prefix: displayPrefix(key) } },
      select: { endpoint: true, requests: true },
    });
    expect(rows).toContainEqual({ endpoint: "MCP tools/call list_my_classes", requests: 1 });
    expect(rows).toContainEqual({ endpoint: "MCP initialize", requests: 1 });
  });

  it("refuses draft_lesson to a key without agents:run: not listed, and a call is a tool error", async () => {
    const client = await mw.connect(await mw.teacherKey(["content:read", "classes:read"]));
    expect(names((await client.listTools()).tools)).not.toContain("draft_lesson");
    const result = await client.callTool({ name: "draft_lesson", arguments: { topic: "Volcanoes" } });
    expect(result.isError).toBe(true);
    expect((result.content as { text: string }[])[0]?.text).toMatch(/draft_lesson/);
  });

  it("answers a refusal of the services as a tool error with their message", async () => {
    const client = await mw.connect(fullKey);
    const result = await client.callTool({ name: "class_summary", arguments: { classId: "not-a-class-of-mine" } });
    expect(result.isError).toBe(true);
    expect((result.content as { text: string }[])[0]?.text).toMatch(/not found/i);
  });
});

describe("resources and prompts", () => {
  it("lists the teacher's content as toolboxai://content/{id} and reads an item as JSON", async () => {
    const client = await mw.connect(fullKey);
    const uri = `toolboxai://content/${mw.lessonId}`;
    const { resources } = await client.listResources();
    expect(resources).toContainEqual(
      expect.objectContaining({ uri, name: "Photosynthesis", mimeType: "application/json" }),
    );
    const { resourceTemplates } = await client.listResourceTemplates();
    expect(resourceTemplates.map((t) => t.uriTemplate)).toEqual(["toolboxai://content/{id}"]);
    const read = await client.readResource({ uri });
    const [content] = read.contents as { uri: string; mimeType: string; text: string }[];
    expect(content?.mimeType).toBe("application/json");
    expect(JSON.parse(content?.text ?? "")).toMatchObject({ id: mw.lessonId, title: "Photosynthesis", type: "LESSON" });
  });

  it("answers a resource of another school as not found", async () => {
    const client = await mw.connect(fullKey);
    const other = await mw.w.caller(await mw.w.actor("b", "TEACHER")).content.create({
      type: "LESSON",
      title: "Elsewhere",
      description: "",
      subject: "Science",
      gradeLevel: "7",
      tags: [],
      body: { sections: [{ id: "s1", heading: "One", markdown: "Text", media: [] }] },
    });
    await expect(client.readResource({ uri: `toolboxai://content/${other.id}` })).rejects.toMatchObject({
      code: -32002,
    });
  });

  it("gives the plan_unit and write_quiz prompts as user messages steering to the tools", async () => {
    const client = await mw.connect(fullKey);
    expect((await client.listPrompts()).prompts.map((p) => p.name).sort()).toEqual(["plan_unit", "write_quiz"]);
    const plan = await client.getPrompt({ name: "plan_unit", arguments: { topic: "Photosynthesis", weeks: "2" } });
    expect(plan.messages).toHaveLength(1);
    expect(plan.messages[0]?.role).toBe("user");
    const text = promptText(plan);
    expect(text).toContain('2-week unit on "Photosynthesis"');
    expect(text).toContain("draft_lesson");
    const quiz = await client.getPrompt({ name: "write_quiz", arguments: { classId: mw.classId, topic: "Cells" } });
    expect(promptText(quiz)).toContain(`class_summary with classId "${mw.classId}"`);
  });
});

describe("authentication", () => {
  it("answers 401 without a key, in the REST API's problem shape with the request id", async () => {
    const res = await initialize({});
    expect(res.status).toBe(401);
    expect(res.headers.get("content-type")).toBe("application/problem+json");
    expect(res.headers.get("www-authenticate")).toBe('Bearer realm="toolboxai"');
    const body = problemSchema.strict().parse(await res.json());
    expect(body).toMatchObject({ status: 401, code: "UNAUTHORIZED", instance: "/api/mcp" });
    expect(body.requestId).toBe(res.headers.get("x-request-id"));
  });

  it("refuses a browser session: the endpoint takes API keys only", async () => {
    const res = await initialize({ "x-test-session": mw.w.users.a.TEACHER.id });
    expect(res.status).toBe(401);
    expect(((await res.json()) as { detail: string }).detail).toMatch(/takes an API key/);
  });

  it("makes the SDK's client fail to connect without a key", async () => {
    const client = new Client({ name: "mcp-suite", version: "1.0.0" });
    const failure = client.connect(new StreamableHTTPClientTransport(mw.endpoint));
    await expect(failure).rejects.toBeInstanceOf(StreamableHTTPError);
    await expect(failure).rejects.toMatchObject({ code: 401 });
  });

  it("answers 401 naming a revoked key", async () => {
    const key = await mw.teacherKey(["content:read"]);
    const teacher = await mw.w.actor("a", "TEACHER");
    const [row] = await mw.w.t.db.apiKey.findMany({
      where: { userId: teacher.userId },
      orderBy: { createdAt: "desc" },
    });
    await mw.w.caller(teacher).apiKeys.revoke({ keyId: row?.id ?? "", reason: "Leaked" });
    const res = await initialize({ authorization: `Bearer ${key}` });
    expect(res.status).toBe(401);
    expect(((await res.json()) as { detail: string }).detail).toMatch(/revoked/);
  });

  it("answers GET with 405: a stateless server opens no stream", async () => {
    const res = await fetch(mw.endpoint, {
      headers: { authorization: `Bearer ${fullKey}`, accept: "text/event-stream" },
    });
    expect(res.status).toBe(405);
    expect(res.headers.get("allow")).toBe("POST");
  });
});
