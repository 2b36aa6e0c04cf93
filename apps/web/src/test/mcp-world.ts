// The world the MCP suites run in: two organizations (createWorld), the app's real /api/mcp route
// behind a real HTTP server, a teacher with a class and a lesson, and API keys made by the app
// itself (apiKeys.create over /api/trpc as the signed-in teacher) with the scopes each suite needs.
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { createWorld, type World } from "@toolboxai/api/testing";
import type { RateLimiter } from "@toolboxai/core";
import { type ApiScope, apiScopesFor } from "@toolboxai/validators";
import { type RouteModule, type RunningServer, serveRoutes, sessionScope } from "./rest/http-server";
import { generousLimits, installRateLimiter } from "./rest/world";

export interface McpWorld {
  w: World;
  server: RunningServer;
  /** `<origin>/api/mcp` */
  endpoint: URL;
  classId: string;
  lessonId: string;
  /** A key of organization "a"'s teacher holding `scopes` (every teacher scope by default). */
  teacherKey(scopes?: readonly ApiScope[]): Promise<string>;
  /** An MCP client connected over Streamable HTTP with `key` as the bearer token. */
  connect(key: string): Promise<Client>;
  close(): Promise<void>;
}

type TrpcRoute = { POST(req: Request): Promise<Response> };

export async function startMcpWorld(
  routes: { mcp: RouteModule; trpc: TrpcRoute },
  bind: (w: World) => void,
): Promise<McpWorld> {
  const w = await createWorld();
  bind(w);
  const limiter: RateLimiter = installRateLimiter(generousLimits());
  const server = await serveRoutes({ "/api/mcp": routes.mcp });
  const teacher = await w.actor("a", "TEACHER");
  const klass = await w
    .caller(teacher)
    .classes.create({ name: "Period 3 Biology", subject: "Science", gradeLevel: "7" });
  const lesson = await w.caller(teacher).content.create({
    type: "LESSON",
    title: "Photosynthesis",
    description: "How plants make food from light.",
    subject: "Science",
    gradeLevel: "7",
    tags: [],
    body: { sections: [{ id: "s1", heading: "Light", markdown: "Plants capture light.", media: [] }] },
  });
  const clients: Client[] = [];
  let keys = 0;

  async function teacherKey(scopes: readonly ApiScope[] = apiScopesFor("TEACHER")): Promise<string> {
    const origin = "http://localhost:3000";
    const res = await sessionScope.run(w.users.a.TEACHER.id, () =>
      routes.trpc.POST(
        new Request(`${origin}/api/trpc/apiKeys.create`, {
          method: "POST",
          headers: { host: "localhost:3000", origin, "content-type": "application/json" },
          body: JSON.stringify({ json: { name: `MCP key ${++keys}`, scopes } }),
        }),
      ),
    );
    const body = (await res.json()) as { result?: { data: { json: { secret: string } } } };
    if (res.status !== 200 || !body.result) throw new Error(`creating a key: ${res.status} ${JSON.stringify(body)}`);
    return body.result.data.json.secret;
  }

  const endpoint = new URL("/api/mcp", server.origin);
  return {
    w,
    server,
    endpoint,
    classId: klass.id,
    lessonId: lesson.id,
    teacherKey,
    async connect(key) {
      const client = new Client({ name: "mcp-suite", version: "1.0.0" });
      await client.connect(
        new StreamableHTTPClientTransport(endpoint, { requestInit: { headers: { authorization: `Bearer ${key}` } } }),
      );
      clients.push(client);
      return client;
    },
    async close() {
      await Promise.all(clients.map((c) => c.close()));
      await server.close();
      await limiter.close();
      await w.t.close();
    },
  };
}
