// /api/v1 through the app's real route module: the app's context, every middleware and the real
// database; only next-auth's session lookup and the database handle are the test's. The adapter's
// own behaviours are specified in @toolboxai/api (src/openapi/handler.test.ts); this checks the
// wiring, the document routes and the two file operations.
import { createWorld, type World } from "@toolboxai/api/testing";
import type { Actor } from "@toolboxai/core";
import type { CreateContentInput } from "@toolboxai/validators";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { unzip } from "~/test/unzip";

const session = vi.hoisted(() => ({ userId: null as string | null, db: null as unknown }));

vi.mock("next-auth", async (importOriginal) => ({
  ...(await importOriginal<typeof import("next-auth")>()),
  getServerSession: async () => (session.userId ? { user: { id: session.userId } } : null),
}));
vi.mock("~/server/db", () => ({ getDb: () => session.db }));

const rest = await import("./route");
const documentRoute = await import("../openapi.json/route");
const rootDocumentRoute = await import("~/app/openapi.json/route");

interface Problem {
  type: string;
  status: number;
  code: string;
  detail: string;
  instance: string;
  requestId: string;
}

const ORIGIN = "http://localhost:3000";
let w: World;
let teacher: Actor;
let lessonId: string;
let environmentId: string;
let classId: string;
let otherOrgLessonId: string;

function send(method: string, path: string, init: { body?: string; headers?: Record<string, string> } = {}) {
  const req = new Request(`${ORIGIN}/api/v1${path}`, {
    method,
    headers: { host: "localhost:3000", ...init.headers },
    ...(init.body !== undefined ? { body: init.body } : {}),
  });
  const handler = rest[method as "GET" | "POST" | "PUT" | "PATCH" | "DELETE" | "HEAD" | "OPTIONS"];
  return handler(req);
}

async function problemOf(res: Response): Promise<Problem> {
  expect(res.headers.get("content-type")).toBe("application/problem+json");
  const body = (await res.json()) as Problem;
  expect(body.requestId).toBe(res.headers.get("x-request-id"));
  return body;
}

beforeAll(async () => {
  w = await createWorld();
  session.db = w.t.db;
  teacher = await w.actor("a", "TEACHER");
  const caller = w.caller(teacher);
  const lesson: CreateContentInput = {
    type: "LESSON",
    title: "Maps",
    description: "",
    subject: "Geography",
    gradeLevel: "5",
    tags: [],
    body: { sections: [{ id: "s1", heading: "Intro", markdown: "Hello.", media: [] }] },
  };
  lessonId = (await caller.content.create(lesson)).id;
  otherOrgLessonId = (await w.caller(await w.actor("b", "TEACHER")).content.create(lesson)).id;
  classId = (await caller.classes.create({ name: "Period 1", subject: "Science", gradeLevel: "7" })).id;
  const queued = await caller.agents.generate({
    topic: "Volcanoes",
    subject: "Earth Science",
    gradeLevel: "6",
    durationMinutes: 30,
    parts: ["environment"],
    standards: [],
    questionCount: 3,
  });
  let task = await caller.agents.get({ taskId: queued.id });
  for (let i = 0; i < 600 && !["COMPLETED", "FAILED", "CANCELLED"].includes(task.status); i++) {
    await new Promise((r) => setTimeout(r, 50));
    task = await caller.agents.get({ taskId: queued.id });
  }
  if (task.status !== "COMPLETED") throw new Error(`the generation task ended ${task.status}: ${task.error}`);
  environmentId = task.result?.items.find((i) => i.type === "ENVIRONMENT")?.contentId ?? "";
});
afterAll(() => w.t.close());

describe("the REST API through the app's route", () => {
  it("answers a signed-in teacher's GET of their lesson with the item, dates as ISO strings", async () => {
    session.userId = teacher.userId;
    const res = await send("GET", `/content/${lessonId}`);
    expect(res.status).toBe(200);
    const item = (await res.json()) as { id: string; createdAt: string };
    expect(item.id).toBe(lessonId);
    expect(item.createdAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(res.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("publishes with a body-less POST, as an SDK sends it", async () => {
    session.userId = teacher.userId;
    const res = await send("POST", `/content/${lessonId}/publish`);
    expect(res.status).toBe(200);
    expect(((await res.json()) as { status: string }).status).toBe("PUBLISHED");
  });

  it("answers 404 problem+json for another organization's item", async () => {
    session.userId = teacher.userId;
    const res = await send("GET", `/content/${otherOrgLessonId}`);
    expect(res.status).toBe(404);
    expect((await problemOf(res)).code).toBe("NOT_FOUND");
  });

  it("answers 401 problem+json without a credential", async () => {
    session.userId = null;
    const res = await send("GET", `/content/${lessonId}`);
    expect(res.status).toBe(401);
    expect((await problemOf(res)).instance).toBe(`/api/v1/content/${lessonId}`);
  });

  it("answers an unknown route with 404 problem+json", async () => {
    const res = await send("GET", "/no/such/thing");
    expect(res.status).toBe(404);
    expect((await problemOf(res)).type).toBe("/docs/problems#not-found");
  });
});

describe("GET /api/v1/roblox/environments/{environmentId}/rojo", () => {
  it("answers the environment's Rojo project as a zip attachment", async () => {
    session.userId = teacher.userId;
    const res = await send("GET", `/roblox/environments/${environmentId}/rojo`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/zip");
    expect(res.headers.get("content-disposition")).toMatch(/^attachment; filename="[a-z0-9-]+-rojo\.zip"$/);
    const files = [...unzip(new Uint8Array(await res.arrayBuffer())).keys()];
    expect(files.some((f) => f.endsWith("/default.project.json"))).toBe(true);
  });

  it("refuses a lesson with 400 problem+json", async () => {
    session.userId = teacher.userId;
    const res = await send("GET", `/roblox/environments/${lessonId}/rojo`);
    expect(res.status).toBe(400);
    expect((await problemOf(res)).detail).toBe("Only a Roblox environment can be downloaded as a Roblox project.");
  });

  it("refuses a student with 403 problem+json", async () => {
    session.userId = w.users.a.STUDENT.id;
    const res = await send("GET", `/roblox/environments/${environmentId}/rojo`);
    expect(res.status).toBe(403);
    expect((await problemOf(res)).code).toBe("FORBIDDEN");
  });
});

describe("GET /api/v1/classes/{classId}/gradebook.csv", () => {
  it("answers the class's gradebook as a CSV attachment", async () => {
    session.userId = teacher.userId;
    const res = await send("GET", `/classes/${classId}/gradebook.csv`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("content-disposition")).toMatch(/^attachment; filename="gradebook-.+\.csv"$/);
    // A UTF-8 byte order mark first, so spreadsheets read the names right.
    expect([...new Uint8Array(await res.arrayBuffer()).slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  });

  it("answers 404 problem+json for a class the caller cannot see", async () => {
    session.userId = w.users.b.TEACHER.id;
    const res = await send("GET", `/classes/${classId}/gradebook.csv`);
    expect(res.status).toBe(404);
    expect((await problemOf(res)).code).toBe("NOT_FOUND");
  });
});

describe("the OpenAPI document routes", () => {
  it("serve the same OpenAPI 3.1 document at /api/v1/openapi.json and /openapi.json, cacheable", async () => {
    const a = documentRoute.GET();
    const b = rootDocumentRoute.GET();
    expect(a.headers.get("content-type")).toMatch(/^application\/json/);
    expect(a.headers.get("cache-control")).toBe("public, max-age=300");
    const doc = (await a.json()) as { openapi: string; info: { title: string }; paths: Record<string, unknown> };
    expect(doc.openapi).toBe("3.1.0");
    expect(doc.info.title).toBe("ToolboxAI API");
    expect(doc.paths).toHaveProperty(["/roblox/environments/{environmentId}/rojo"]);
    expect(await b.json()).toEqual(doc);
  });
});
