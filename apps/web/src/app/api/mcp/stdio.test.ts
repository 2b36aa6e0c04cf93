// The stdio bridge (`pnpm mcp`, packages/sdk/src/mcp-stdio.ts) as a desktop assistant starts it: a
// child process spoken to with the SDK's StdioClientTransport, forwarding to the app's real
// /api/mcp route behind a real HTTP server. It lists and calls the key's tools; without a key it
// says so on stderr, writes nothing on stdout and exits 1.
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import type { World } from "@toolboxai/api/testing";
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

/** The bridge's source, run with tsx from the SDK package (where tsx is installed). */
const SDK_DIR = fileURLToPath(new URL("../../../../../../packages/sdk/", import.meta.url));
const BRIDGE_ARGS = ["--import", "tsx", "src/mcp-stdio.ts"];

let mw: McpWorld;
beforeAll(async () => {
  mw = await startMcpWorld({ mcp, trpc }, (w: World) => {
    holder.db = w.t.db;
  });
});
afterAll(() => mw?.close());

describe("the stdio bridge", () => {
  it("lists the key's tools and calls one, forwarding to the HTTP endpoint", async () => {
    const key = await mw.teacherKey(["classes:read", "content:read"]);
    const client = new Client({ name: "desktop-assistant", version: "1.0.0" });
    const transport = new StdioClientTransport({
      command: process.execPath,
      args: BRIDGE_ARGS,
      cwd: SDK_DIR,
      env: { TOOLBOXAI_URL: mw.server.origin, TOOLBOXAI_API_KEY: key },
      stderr: "pipe",
    });
    try {
      await client.connect(transport);
      expect(client.getServerVersion()?.name).toBe("toolboxai");
      const { tools } = await client.listTools();
      expect(tools.map((t) => t.name).sort()).toEqual([
        "list_my_classes",
        "open_content",
        "search_content",
        "task_status",
      ]);
      const result = await client.callTool({ name: "list_my_classes", arguments: {} });
      expect(result.isError).toBeFalsy();
      expect(result.structuredContent).toMatchObject({ classes: [expect.objectContaining({ id: mw.classId })] });
      const { resources } = await client.listResources();
      expect(resources.map((r) => r.uri)).toContain(`toolboxai://content/${mw.lessonId}`);
    } finally {
      await client.close();
    }
  });

  it("exits 1 without a key, saying so on stderr and writing nothing on stdout", async () => {
    const { TOOLBOXAI_API_KEY: _, ...env } = process.env;
    const child = spawn(process.execPath, BRIDGE_ARGS, {
      cwd: SDK_DIR,
      env: { ...env, TOOLBOXAI_URL: mw.server.origin },
      stdio: ["pipe", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const code = await new Promise<number | null>((resolve) => child.on("exit", resolve));
    expect(code).toBe(1);
    expect(stderr).toContain("set TOOLBOXAI_API_KEY");
    expect(stdout).toBe("");
  });

  it("exits 1 naming the refusal when the key is not accepted", async () => {
    const child = spawn(process.execPath, BRIDGE_ARGS, {
      cwd: SDK_DIR,
      env: { ...process.env, TOOLBOXAI_URL: mw.server.origin, TOOLBOXAI_API_KEY: `tbx_live_${"A".repeat(36)}` },
      stdio: ["pipe", "pipe", "pipe"],
    });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const code = await new Promise<number | null>((resolve) => child.on("exit", resolve));
    expect(code).toBe(1);
    expect(stderr).toMatch(/could not connect to .*\/api\/mcp/);
    expect(stderr).toContain("401");
  });
});
