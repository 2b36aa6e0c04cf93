// GET /api/health/mcp through the exported route handler: public, the registry's tool count, the
// transport and protocol version the MCP endpoint speaks.
import { mcpHealthSchema } from "@toolboxai/api";
import { ASSISTANT_TOOLS } from "@toolboxai/core";
import { describe, expect, it } from "vitest";
import { GET } from "./route";

describe("GET /api/health/mcp", () => {
  it("tells anyone the MCP endpoint is served, with its tools, transport and protocol version", async () => {
    const res = await GET(new Request("http://localhost:3000/api/health/mcp"));
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("no-store");
    const body = mcpHealthSchema.strict().parse(await res.json());
    expect(body).toEqual({
      status: "ok",
      tools: ASSISTANT_TOOLS.length,
      transport: "streamable-http",
      protocolVersion: "2025-11-25",
    });
  });

  it("carries the rate-limit fields of the health limit", async () => {
    const res = await GET(new Request("http://localhost:3000/api/health/mcp"));
    expect(res.headers.get("ratelimit-policy")).toMatch(/"health\.ip"/);
  });
});
