// The REST API's surface as the routers publish it: every operation documented, scoped and
// reachable at its own path, the issue's list of operations present, and query strings read
// the way a client means them.

import { classListInputSchema, contentListInputSchema } from "@toolboxai/validators";
import { createOpenApiFetchHandler, generateOpenApiDocument } from "trpc-to-openapi";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createContextInner } from "../context";
import type { Meta } from "../init";
import { appRouter } from "../root";
import { createWorld, type World } from "../testing";

type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
interface Published {
  procedure: string;
  method: Method;
  path: string;
  meta: Meta;
}

/** The published procedures in declaration order: the order the adapter matches paths in. */
const published: Published[] = Object.entries(appRouter._def.procedures).flatMap(([procedure, def]) => {
  const meta = (def as unknown as { _def: { meta?: Meta } })._def.meta;
  const openapi = meta?.openapi;
  if (!meta || !openapi || openapi.enabled === false) return [];
  return [{ procedure, method: openapi.method as Method, path: openapi.path, meta }];
});

const operation = (p: Published) => `${p.method} ${p.path}`;
const pathPattern = (path: string) => new RegExp(`^${path.replace(/\{[^}]+\}/g, "[^/]+")}$`, "i");

// Every operation the issue names (item 1), as "METHOD path" under /api/v1.
const ISSUE_OPERATIONS = [
  "GET /me",
  "GET /users",
  "POST /users",
  "PUT /users/{userId}",
  "DELETE /users/{userId}",
  "POST /users/{userId}/deactivate",
  "POST /users/{userId}/reactivate",
  "PUT /users/{userId}/role",
  "GET /users/{parentId}/children",
  "POST /users/{parentId}/children",
  "DELETE /users/{parentId}/children/{studentId}",
  "GET /classes",
  "POST /classes",
  "GET /classes/{classId}",
  "PUT /classes/{classId}",
  "POST /classes/{classId}/archive",
  "POST /classes/{classId}/unarchive",
  "POST /classes/join",
  "POST /classes/{classId}/students",
  "DELETE /classes/{classId}/students/{studentId}",
  "GET /content",
  "POST /content",
  "GET /content/{contentId}",
  "PUT /content/{contentId}",
  "DELETE /content/{contentId}",
  "POST /content/{contentId}/restore",
  "POST /content/{contentId}/publish",
  "POST /content/{contentId}/unpublish",
  "POST /content/{contentId}/duplicate",
  "GET /content/{contentId}/versions",
  "POST /content/{contentId}/versions/{version}/restore",
  "GET /questions",
  "POST /questions",
  "GET /questions/{questionId}",
  "PUT /questions/{questionId}",
  "DELETE /questions/{questionId}",
  "GET /quizzes/{quizId}/questions",
  "PUT /quizzes/{quizId}/questions",
  "POST /assignments",
  "PATCH /assignments/{assignmentId}",
  "DELETE /assignments/{assignmentId}",
  "GET /classes/{classId}/assignments",
  "GET /me/assignments",
  "POST /assignments/{assignmentId}/lesson",
  "POST /assignments/{assignmentId}/attempts",
  "GET /assignments/{assignmentId}/attempts",
  "PUT /attempts/{attemptId}/responses",
  "POST /attempts/{attemptId}/submit",
  "GET /attempts/{attemptId}",
  "GET /me/grades",
  "GET /attempts/{attemptId}/review",
  "PUT /attempts/{attemptId}/answers/{questionId}",
  "GET /classes/{classId}/gradebook",
  "GET /classes/{classId}/students/{studentId}/gradebook",
  "GET /messages/threads",
  "GET /messages/threads/{threadId}",
  "POST /messages/threads",
  "POST /messages/threads/{threadId}/replies",
  "POST /messages/announcements",
  "GET /messages/unread-count",
  "POST /content/generate",
  "GET /agents/tasks",
  "GET /agents/tasks/{taskId}",
  "POST /agents/tasks/{taskId}/cancel",
  "POST /agents/tasks/{taskId}/retry",
  "GET /roblox/environments",
  "GET /roblox/environments/{environmentId}",
  "GET /health",
];

const TAGS = [
  "users",
  "classes",
  "content",
  "questions",
  "assignments",
  "attempts",
  "gradebook",
  "messages",
  "agents",
  "roblox",
  "health",
  "metrics",
  "analytics",
  "audit",
  "organization",
];
/** Routers other engineers publish, with tags of their own. */
const OTHER_TAGS = ["api-keys", "auth"];

describe("the REST API's operations", () => {
  it("generate an OpenAPI document without an error", () => {
    const doc = generateOpenApiDocument(appRouter, { title: "ToolboxAI", version: "1", baseUrl: "/api/v1" });
    expect(Object.keys(doc.paths ?? {}).length).toBeGreaterThan(50);
  });

  it("include every operation the issue lists", () => {
    const present = new Set(published.map(operation));
    expect(ISSUE_OPERATIONS.filter((op) => !present.has(op))).toEqual([]);
  });

  it.each(published.filter((p) => !OTHER_TAGS.includes(p.meta.openapi?.tags?.[0] ?? "")))(
    "$method $path ($procedure) has a summary, a description naming who may call it, and one known tag",
    (p) => {
      const { summary, description, tags } = p.meta.openapi ?? {};
      expect(summary?.length).toBeGreaterThan(3);
      expect(description).toMatch(/(admins|students|teachers|anyone)[^.]*\.$/i);
      expect(tags).toHaveLength(1);
      expect(TAGS).toContain(tags?.[0]);
    },
  );

  it("declare the scopes an API key needs on every protected operation but key management", () => {
    // Managing keys needs a person (a session or an app token): a key that could mint keys would
    // outlive its own revocation, so those procedures declare no scopes and every key is refused.
    const unscoped = published.filter((p) => p.meta.openapi?.protect !== false && p.meta.scopes === undefined);
    expect(unscoped.map((p) => p.procedure).sort()).toEqual(
      ["apiKeys.create", "apiKeys.list", "apiKeys.revoke", "apiKeys.rotate", "apiKeys.usage"].sort(),
    );
  });

  it("leave only the health check public", () => {
    const open = published.filter((p) => p.meta.openapi?.protect === false).map(operation);
    expect(open.filter((op) => !op.startsWith("POST /auth/"))).toEqual(["GET /health"]);
  });

  it("answer 201 for creates and 202 for queued generation", () => {
    const statusOf = (op: string) => published.find((p) => operation(p) === op)?.meta.successStatus;
    expect(
      ["POST /content", "POST /classes", "POST /users", "POST /questions", "POST /assignments"].map(statusOf),
    ).toEqual([201, 201, 201, 201, 201]);
    expect(statusOf("POST /content/generate")).toBe(202);
  });

  it("limit generation with a limit of its own", () => {
    expect(published.find((p) => operation(p) === "POST /content/generate")?.meta.rateLimit).toBe("agents.generate");
  });

  it("resolve every path to its own procedure, never to an earlier {param} sibling", () => {
    const misrouted = published.flatMap((p) => {
      const concrete = p.path.replace(/\{[^}]+\}/g, "x1");
      const first = published.find((q) => q.method === p.method && pathPattern(q.path).test(concrete));
      return first === p ? [] : [`${operation(p)} is answered by ${first?.procedure}`];
    });
    expect(misrouted).toEqual([]);
  });
});

describe("query strings", () => {
  let w: World;
  beforeAll(async () => {
    w = await createWorld();
  });
  afterAll(async () => {
    await w?.t.close();
  });

  async function get(path: string, role: "TEACHER" | "ADMIN" | null = "TEACHER") {
    const actor = role ? await w.actor("a", role) : null;
    const res = await createOpenApiFetchHandler({
      endpoint: "/api/v1",
      router: appRouter,
      req: new Request(`http://localhost/api/v1${path}`),
      createContext: () => createContextInner({ db: w.t.db, actor, agents: w.agents }),
    });
    return { status: res.status, body: (await res.json()) as unknown };
  }

  it("read ?includeArchived=false as false and ?includeArchived=true as true", async () => {
    const teacher = w.users.a.TEACHER.id;
    const base = { organizationId: w.orgs.a, teacherId: teacher, subject: "Science", gradeLevel: "7" };
    await w.t.db.class.create({ data: { ...base, name: "Open class", joinCode: "QUERY2" } });
    await w.t.db.class.create({ data: { ...base, name: "Old class", joinCode: "QUERY3", archivedAt: new Date() } });
    const names = async (query: string) =>
      ((await get(`/classes${query}`)).body as { name: string }[]).map((c) => c.name);
    expect(await names("?includeArchived=false")).toEqual(["Open class"]);
    expect((await names("?includeArchived=true")).sort()).toEqual(["Old class", "Open class"]);
  });

  it('keep reading "false" as false for tRPC after the adapter coerced the schema for a REST call', async () => {
    expect((await get("/content?deleted=false")).status).toBe(200);
    expect(contentListInputSchema.parse({ deleted: "false" }).deleted).toBe(false);
    expect(classListInputSchema.parse({ includeArchived: false }).includeArchived).toBe(false);
  });

  it("read numbers in a query string as numbers", async () => {
    const { status, body } = await get("/users?page=1&pageSize=5", "ADMIN");
    expect(status).toBe(200);
    expect(body).toMatchObject({ page: 1, pageSize: 5 });
  });

  it("refuse a number that is not one with 400", async () => {
    expect((await get("/users?pageSize=many", "ADMIN")).status).toBe(400);
  });

  it("answer GET /health with only { status: ok } to a caller without a credential", async () => {
    expect(await get("/health", null)).toEqual({ status: 200, body: { status: "ok" } });
  });

  async function post(path: string, body: unknown) {
    const actor = await w.actor("a", "TEACHER");
    const res = await createOpenApiFetchHandler({
      endpoint: "/api/v1",
      router: appRouter,
      req: new Request(`http://localhost/api/v1${path}`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(body),
      }),
      createContext: () => createContextInner({ db: w.t.db, actor, agents: w.agents }),
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  }
  const lesson = { type: "LESSON", title: "Maps", subject: "Geography", gradeLevel: "5" };

  it("take a content item of any type as one REST body, checked by the type's own schema", async () => {
    const created = await post("/content", {
      ...lesson,
      body: { sections: [{ id: "s1", heading: "Intro", markdown: "Hello." }] },
    });
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({ type: "LESSON", title: "Maps", tags: [], status: "DRAFT" });
  });

  it("refuse a body that does not fit its type with the field that is wrong", async () => {
    const refused = await post("/content", { ...lesson, body: { instructions: "A quiz's body" } });
    expect(refused.status).toBe(400);
    expect(refused.body.data).toMatchObject({ fieldErrors: { body: ["This field is required"] } });
  });

  it("send dates as ISO strings", async () => {
    const { body } = await get("/classes?includeArchived=true");
    expect((body as { createdAt: unknown }[])[0]?.createdAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  });
});

describe("API keys on the published procedures", () => {
  let w: World;
  beforeAll(async () => {
    w = await createWorld();
  });
  afterAll(async () => {
    await w?.t.close();
  });

  const keyCaller = async (scopes: string[]) =>
    w.caller({ ...(await w.actor("a", "TEACHER")), apiKeyId: "key-1", scopes });

  it("may ask GET /me whom they act as without any scope", async () => {
    const me = await (await keyCaller([])).me.get();
    expect(me.id).toBe(w.users.a.TEACHER.id);
  });

  it("are refused an operation whose scope they lack, naming it", async () => {
    await expect((await keyCaller(["content:read"])).classes.list({})).rejects.toThrow(
      "This API key lacks the scope classes:read.",
    );
  });

  it("are allowed an operation whose scope they hold", async () => {
    await expect((await keyCaller(["roblox:read"])).roblox.environments({})).resolves.toMatchObject({ items: [] });
  });
});
