// GET /api/content/:contentId/rojo.zip through the exported route handler, on an environment the
// offline model generated through the app's own task pipeline. The session is mocked; the
// database, the tRPC procedures and the zip are real. The zip is read back with an independent
// reader and checked against Rojo's conventions and the project file it ships.
import { checkLuau } from "@toolboxai/agents";
import { createWorld, type World } from "@toolboxai/api/testing";
import { type Actor, generateApiKey } from "@toolboxai/core";
import { type RobloxEnvironment, robloxEnvironmentSchema } from "@toolboxai/validators";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { unzip } from "~/test/unzip";

const session = vi.hoisted(() => ({ userId: null as string | null, db: null as unknown }));

vi.mock("next-auth", async (importOriginal) => ({
  ...(await importOriginal<typeof import("next-auth")>()),
  getServerSession: async () => (session.userId ? { user: { id: session.userId } } : null),
}));
vi.mock("~/server/db", () => ({ getDb: () => session.db }));

const { GET } = await import("./route");

/** RFC 9457 problem details, with the app's `code` and `requestId` members. */
interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  requestId: string;
}

async function problemOf(res: Response): Promise<Problem> {
  expect(res.headers.get("content-type")).toBe("application/problem+json");
  return (await res.json()) as Problem;
}

let w: World;
let teacher: Actor;
let environmentId: string;
let lessonId: string;
let environment: RobloxEnvironment;
let title: string;

function signedInAs(actor: Actor | null) {
  session.userId = actor?.userId ?? null;
}

function download(contentId: string, headers: Record<string, string> = {}) {
  return GET(new Request(`http://localhost:3000/api/content/${encodeURIComponent(contentId)}/rojo.zip`, { headers }), {
    params: Promise.resolve({ contentId }),
  });
}

beforeAll(async () => {
  w = await createWorld();
  session.db = w.t.db;
  teacher = await w.actor("a", "TEACHER");
  const caller = w.caller(teacher);
  const queued = await caller.agents.generate({
    topic: "Photosynthesis",
    subject: "Life Science",
    gradeLevel: "7",
    durationMinutes: 40,
    parts: ["lesson", "quiz", "environment"],
    standards: ["MS-LS1-6"],
    questionCount: 5,
  });
  let task = await caller.agents.get({ taskId: queued.id });
  for (let i = 0; i < 600 && !["COMPLETED", "FAILED", "CANCELLED"].includes(task.status); i++) {
    await new Promise((r) => setTimeout(r, 50));
    task = await caller.agents.get({ taskId: queued.id });
  }
  if (task.status !== "COMPLETED") throw new Error(`the generation task ended ${task.status}: ${task.error}`);
  const items = task.result?.items ?? [];
  environmentId = items.find((i) => i.type === "ENVIRONMENT")?.contentId ?? "";
  lessonId = items.find((i) => i.type === "LESSON")?.contentId ?? "";
  const saved = await caller.content.get({ contentId: environmentId });
  environment = robloxEnvironmentSchema.parse(saved.body);
  title = saved.title;
});
afterAll(() => w.t.close());

describe("GET /api/content/:contentId/rojo.zip for the teacher who generated the environment", () => {
  let response: Response;
  /** The zip's files, relative to its top folder, as text. */
  let files: Map<string, string>;
  let top: string[];

  beforeAll(async () => {
    signedInAs(teacher);
    response = await download(environmentId);
    const entries = unzip(new Uint8Array(await response.arrayBuffer()));
    top = [...new Set([...entries.keys()].map((path) => path.split("/")[0] ?? ""))];
    files = new Map(
      [...entries].map(([path, bytes]) => [path.slice(path.indexOf("/") + 1), new TextDecoder().decode(bytes)]),
    );
  });

  const luau = () => [...files.keys()].filter((path) => path.endsWith(".luau"));
  const inFolder = (folder: string) => luau().filter((path) => path.startsWith(`${folder}/`));

  it("answers a zip attachment named after the environment, never cached", () => {
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/zip");
    expect(response.headers.get("content-disposition")).toMatch(/^attachment; filename="[a-z0-9-]+-rojo\.zip"$/);
    expect(response.headers.get("cache-control")).toBe("no-store");
  });

  it("puts every file in one top folder named after the environment", () => {
    expect(top).toHaveLength(1);
    expect(response.headers.get("content-disposition")).toContain(`"${top[0]}-rojo.zip"`);
    const slug = title
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-|-$/g, "");
    expect(top[0]).toBe(slug);
  });

  it("declares src/server, src/client and src/shared in ServerScriptService, StarterPlayerScripts and ReplicatedStorage", () => {
    const project = JSON.parse(files.get("default.project.json") ?? "null") as { name: string; tree: Tree };
    expect(project.name).toBe(title);
    expect(project.tree.$className).toBe("DataModel");
    expect(mountedPaths(project.tree)).toEqual({
      "src/server": ["ServerScriptService"],
      "src/client": ["StarterPlayer", "StarterPlayerScripts"],
      "src/shared": ["ReplicatedStorage"],
    });
  });

  it("keeps every file at the project root or inside a folder the project file mounts", () => {
    const project = JSON.parse(files.get("default.project.json") ?? "null") as { tree: Tree };
    const mounted = Object.keys(mountedPaths(project.tree));
    const outside = [...files.keys()].filter(
      (path) => path.includes("/") && !mounted.some((folder) => path.startsWith(`${folder}/`)),
    );
    expect(outside).toEqual([]);
    expect(luau().length).toBeGreaterThan(0);
    expect([...files.keys()].filter((path) => !path.includes("/"))).toEqual(
      expect.arrayContaining(["default.project.json", "README.md"]),
    );
  });

  it("names server scripts *.server.luau and client scripts *.client.luau, each in its own folder", () => {
    expect(inFolder("src/server").filter((path) => path.endsWith(".client.luau"))).toEqual([]);
    expect(inFolder("src/client").filter((path) => path.endsWith(".server.luau"))).toEqual([]);
    expect(inFolder("src/shared").filter((path) => /\.(server|client)\.luau$/.test(path))).toEqual([]);
    expect(inFolder("src/server").some((path) => path.endsWith(".server.luau"))).toBe(true);
    expect(inFolder("src/client").some((path) => path.endsWith(".client.luau"))).toBe(true);
  });

  it("ships each of the environment's saved scripts under the folder and suffix of its kind", () => {
    const expected = { server: ["src/server", ".server.luau"], client: ["src/client", ".client.luau"] } as const;
    expect(environment.scripts.length).toBeGreaterThan(0);
    for (const script of environment.scripts) {
      const [folder, suffix] = script.kind === "module" ? ["src/shared", ".luau"] : expected[script.kind];
      const match = inFolder(folder).filter(
        (path) =>
          path.endsWith(suffix) &&
          (script.kind !== "module" || !/\.(server|client)\.luau$/.test(path)) &&
          files.get(path)?.trimEnd() === script.source.trimEnd(),
      );
      expect(match, `${script.kind} script ${script.name}`).toHaveLength(1);
    }
  });

  it("builds the terrain from the spec in a server script with Terrain:FillBlock and Terrain:FillBall", () => {
    const builder = files.get("src/server/BuildTerrain.server.luau") ?? "";
    const blocks = environment.terrain.regions.filter((r) => r.shape === "block").length;
    const balls = environment.terrain.regions.filter((r) => r.shape === "ball").length;
    expect(balls).toBeGreaterThan(0);
    expect(builder).toContain("local Terrain = workspace.Terrain");
    // One block for the ground plate, then one call per region.
    expect(builder.match(/\bTerrain:FillBlock\(/g) ?? []).toHaveLength(blocks + 1);
    expect(builder.match(/\bTerrain:FillBall\(/g) ?? []).toHaveLength(balls);
  });

  it("ships only scripts that parse", () => {
    const failures = luau().flatMap((path) => {
      const check = checkLuau(files.get(path) ?? "");
      return check.ok ? [] : [`${path}: ${check.error}`];
    });
    expect(failures).toEqual([]);
  });

  it("includes a README that explains opening the project with Rojo and Roblox Studio", () => {
    const readme = files.get("README.md") ?? "";
    expect(readme).toContain(`# ${title}`);
    expect(readme).toContain("rojo serve");
    expect(readme).toContain("Roblox Studio");
  });
});

describe("who may download an environment", () => {
  it("answers 401 with this request's id (the X-Request-ID it answers with) to a signed-out caller", async () => {
    signedInAs(null);
    const res = await download(environmentId, { "x-correlation-id": "req-rojo-anon" });
    expect(res.status).toBe(401);
    expect(res.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
    expect(await problemOf(res)).toMatchObject({
      type: "about:blank",
      title: "Unauthorized",
      status: 401,
      detail: "Sign in, then open the link again.",
      code: "UNAUTHORIZED",
      requestId: res.headers.get("x-request-id"),
    });
  });

  it("answers 403 to a student of the teacher's organization", async () => {
    signedInAs(await w.actor("a", "STUDENT"));
    const res = await download(environmentId);
    expect(res.status).toBe(403);
    expect(await problemOf(res)).toMatchObject({ title: "Forbidden", status: 403, code: "FORBIDDEN" });
  });

  it("answers 403 to a parent of the teacher's organization", async () => {
    signedInAs(await w.actor("a", "PARENT"));
    expect((await download(environmentId)).status).toBe(403);
  });

  it("answers 404 to a teacher of another organization, as if it did not exist", async () => {
    signedInAs(await w.actor("b", "TEACHER"));
    const res = await download(environmentId);
    expect(res.status).toBe(404);
    expect(await problemOf(res)).toMatchObject({ title: "Not Found", status: 404, code: "NOT_FOUND" });
  });

  it("answers 404 to an admin of another organization", async () => {
    signedInAs(await w.actor("b", "ADMIN"));
    expect((await download(environmentId)).status).toBe(404);
  });

  it("answers 404 to a colleague while the environment is an unpublished draft", async () => {
    session.userId = (await w.newActor("a", "TEACHER", "Colleague")).userId;
    expect((await download(environmentId)).status).toBe(404);
  });

  it("lets the organization's admin download it", async () => {
    signedInAs(await w.actor("a", "ADMIN"));
    const res = await download(environmentId);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/zip");
  });

  it("answers 401 to a signed-in admin whose link carries an API key: credentials never travel in URLs", async () => {
    signedInAs(await w.actor("a", "ADMIN"));
    const url = `http://localhost:3000/api/content/${environmentId}/rojo.zip?api_key=${generateApiKey()}`;
    const res = await GET(new Request(url), { params: Promise.resolve({ contentId: environmentId }) });
    expect(res.status).toBe(401);
    expect(res.headers.get("content-type")).toBe("application/problem+json");
  });
});

describe("what a browser that opened the link is shown when it may not download", () => {
  const BROWSER = { accept: "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8" };

  it("answers a signed-out browser 401 with a page that says to sign in and links to the sign-in page", async () => {
    signedInAs(null);
    const res = await download(environmentId, BROWSER);
    expect(res.status).toBe(401);
    expect(res.headers.get("content-type")).toBe("text/html; charset=utf-8");
    const html = await res.text();
    expect(html).toContain("<h1>You're not signed in</h1>");
    expect(html).toContain('<a href="/signin">Sign in</a>');
  });

  it("answers a student's browser 403 with a page saying they have no access", async () => {
    signedInAs(await w.actor("a", "STUDENT"));
    const res = await download(environmentId, BROWSER);
    expect(res.status).toBe(403);
    expect(await res.text()).toContain("<h1>You don't have access to this</h1>");
  });

  it("answers another school's browser 404 with a page that names what was not found", async () => {
    signedInAs(await w.actor("b", "TEACHER"));
    const res = await download(environmentId, BROWSER);
    expect(res.status).toBe(404);
    const html = await res.text();
    expect(html).toContain("<h1>We couldn't find that</h1>");
    expect(html).toContain("Content not found.");
  });
});

describe("what cannot be downloaded as a Roblox project", () => {
  it("answers 400 with an explanation for a lesson", async () => {
    signedInAs(teacher);
    const res = await download(lessonId);
    expect(res.status).toBe(400);
    expect(await problemOf(res)).toMatchObject({
      status: 400,
      code: "BAD_REQUEST",
      detail: "Only a Roblox environment can be downloaded as a Roblox project.",
    });
  });

  it("answers 400 naming the problem for an environment whose saved specification is not valid", async () => {
    signedInAs(teacher);
    const broken = await w.scoped("a").contentItem.create({
      data: {
        organizationId: w.orgs.a,
        authorId: teacher.userId,
        type: "ENVIRONMENT",
        title: "Half-written lab",
        subject: "Life Science",
        gradeLevel: "7",
        body: { terrain: { name: "Lab" }, scripts: [] },
      },
    });
    const res = await download(broken.id);
    expect(res.status).toBe(400);
    const body = await problemOf(res);
    expect(body.code).toBe("BAD_REQUEST");
    expect(body.detail).toMatch(/^This environment's specification is not valid \(at terrain\.[a-zA-Z]+\)/);
  });

  it("answers 404 for an id that does not exist", async () => {
    signedInAs(teacher);
    expect((await download("no-such-content")).status).toBe(404);
  });

  it("answers 400, not 500, for an id too long to be one", async () => {
    signedInAs(teacher);
    const res = await download("x".repeat(65));
    expect(res.status).toBe(400);
    expect(await problemOf(res)).toMatchObject({
      code: "BAD_REQUEST",
      detail: "This link is not valid. Check it and try again.",
    });
  });
});

// --- default.project.json ------------------------------------------------------------------

interface Tree {
  $className?: string;
  $path?: string;
  [child: string]: Tree | string | undefined;
}

/**
 * Each `$path` the tree mounts, with the chain of services above its folder. Also asserts that
 * every service on the way names its own class, as Rojo requires for a DataModel's children.
 */
function mountedPaths(tree: Tree, above: string[] = []): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [name, child] of Object.entries(tree)) {
    if (name.startsWith("$") || typeof child !== "object") continue;
    if (typeof child.$path === "string") {
      out[child.$path] = above.concat(name).slice(0, -1);
      continue;
    }
    expect(child.$className, `${[...above, name].join(".")} names its class`).toBe(name);
    Object.assign(out, mountedPaths(child, [...above, name]));
  }
  return out;
}
