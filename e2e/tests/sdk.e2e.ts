// The typed SDK (packages/sdk) against the production build, as an integrator would use it: an
// admin's app token makes an API key; with the key the SDK lists classes, creates and publishes
// a lesson, runs a generation to completion (offline model), downloads a Rojo project; and both
// runnable examples work as child processes. No browser: Playwright's plain `test` (the helpers'
// fixture watches browser consoles, and this spec opens none).
import { execFile } from "node:child_process";
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { expect, test } from "@playwright/test";
import { createToolboxClient, ToolboxApiError, type ToolboxClient } from "@toolboxai/sdk";
import { DEMO, DEMO_PASSWORD } from "./helpers";

const run = promisify(execFile);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];

test.describe.configure({ mode: "serial" });

let origin = "";
let apiKey = "";
let toolbox: ToolboxClient;
let environmentId = "";
let work = "";

/** Runs an example the way its header says (`pnpm --filter @toolboxai/sdk exec tsx examples/…`). */
async function example(name: string, args: string[]) {
  return run("pnpm", ["--filter", "@toolboxai/sdk", "exec", "tsx", `examples/${name}`, ...args], {
    cwd: root,
    env: { ...process.env, TOOLBOX_URL: origin, TOOLBOX_API_KEY: apiKey },
    timeout: 60_000,
  });
}

test.beforeAll(async ({ baseURL }) => {
  origin = baseURL ?? "";
  work = await mkdtemp(path.join(tmpdir(), "toolbox-sdk-e2e-"));
  const grant = await createToolboxClient({ baseUrl: origin }).post("/auth/token", {
    body: { email: DEMO.ADMIN, password: DEMO_PASSWORD, clientName: "SDK e2e" },
  });
  const admin = createToolboxClient({ baseUrl: origin, accessToken: grant.accessToken });
  const created = await admin.post("/api-keys", {
    body: {
      name: "SDK e2e",
      scopes: ["admin", "classes:read", "classes:write", "content:read", "content:write", "agents:run", "roblox:read"],
    },
  });
  apiKey = created.secret;
  toolbox = createToolboxClient({ baseUrl: origin, apiKey, serviceName: "sdk-e2e" });
});

test.afterAll(async () => {
  if (work) await rm(work, { recursive: true, force: true });
});

test("the key the admin made is a tbx_live_ key the SDK sends as a bearer token", async () => {
  expect(apiKey).toMatch(/^tbx_live_[0-9A-Za-z]{36}$/);
  const classes = await toolbox.get("/classes");
  expect(classes.length).toBeGreaterThan(0);
});

test("a refused call throws a ToolboxApiError carrying the problem and the caller's correlation id", async () => {
  const traced = createToolboxClient({ baseUrl: origin, apiKey, correlationId: "sdk-e2e-trace-1" });
  const error = await traced
    .get("/content/{contentId}", { params: { path: { contentId: "cm00000000000000000000000" } } })
    .catch((e: unknown) => e);
  expect(error).toBeInstanceOf(ToolboxApiError);
  expect(error).toMatchObject({ status: 404, code: "NOT_FOUND", correlationId: "sdk-e2e-trace-1" });
  expect((error as ToolboxApiError).requestId).toMatch(/^[0-9a-f-]{36}$/);
});

test("creates a lesson and publishes it", async () => {
  const lesson = await toolbox.post("/content", {
    body: {
      type: "LESSON",
      title: "Volcanoes from the SDK",
      subject: "Science",
      gradeLevel: "7",
      body: { sections: [{ id: "s1", heading: "What a volcano is", markdown: "Magma rises and erupts." }] },
    },
  });
  expect(lesson.status).toBe("DRAFT");
  const published = await toolbox.post("/content/{contentId}/publish", {
    params: { path: { contentId: lesson.id } },
    body: {},
  });
  expect(published.status).toBe("PUBLISHED");
});

test("starts a generation and waits until it has completed", async () => {
  test.setTimeout(120_000);
  const task = await toolbox.post("/content/generate", {
    body: { topic: "Plate tectonics", subject: "Science", gradeLevel: "7", parts: ["lesson", "environment"] },
  });
  const seen: string[] = [];
  const done = await toolbox.waitForTask(task.id, {
    intervalMs: 500,
    timeoutMs: 100_000,
    onProgress: (t) => seen.push(t.status),
  });
  expect(done.status).toBe("COMPLETED");
  expect(seen.at(-1)).toBe("COMPLETED");
  const environment = done.result?.items.find((item) => item.type === "ENVIRONMENT");
  expect(environment).toBeDefined();
  environmentId = environment?.contentId ?? "";
});

test("downloads an environment as a Rojo project zip", async () => {
  const project = await toolbox.downloadRojoProject(environmentId);
  expect(project.contentType).toBe("application/zip");
  expect(project.filename).toMatch(/\.zip$/);
  expect([...project.bytes.slice(0, 4)]).toEqual(ZIP_MAGIC);
});

test("the Roblox plugin example lists environments and saves a Rojo project to disk", async () => {
  const out = path.join(work, "rojo");
  const { stdout } = await example("roblox-plugin.ts", [environmentId, "--out", out]);
  expect(stdout).toMatch(/\d+ environment\(s\):/);
  expect(stdout).toContain(environmentId);
  expect(stdout).toMatch(/Saved .+\.zip \(\d+ bytes, application\/zip\)/);
  const [file] = await readdir(out);
  expect(file).toMatch(/\.zip$/);
  expect([...(await readFile(path.join(out, file ?? ""))).subarray(0, 4)]).toEqual(ZIP_MAGIC);
});

test("the roster sync example plans a dry run, then makes a class roster match a CSV", async () => {
  test.setTimeout(120_000);
  const klass = await toolbox.post("/classes", {
    body: { name: "SDK roster sync", subject: "Science", gradeLevel: "7" },
  });
  const students = await toolbox.get("/users", { params: { query: { role: "STUDENT", pageSize: 100 } } });
  const [kept, dropped] = students.items;
  if (!kept || !dropped) throw new Error("the seed has fewer than two students");
  await toolbox.post("/classes/{classId}/students", {
    params: { path: { classId: klass.id } },
    body: { studentId: dropped.id },
  });
  const newcomer = `sdk-sync-${Date.now()}@maplegrove.test`;
  const csv = path.join(work, "roster.csv");
  await writeFile(csv, `name,email\n"${kept.name}",${kept.email}\nNew Student,${newcomer}\n`);

  const plan = await example("roster-sync.ts", ["--class", klass.id, "--csv", csv, "--dry-run"]);
  expect(plan.stdout).toContain(`+ create New Student <${newcomer}>`);
  expect(plan.stdout).toContain(`+ add ${kept.email.toLowerCase()}`);
  expect(plan.stdout).toContain(`- remove ${dropped.email}`);
  expect(plan.stdout).toContain("Would create 1, add 2, remove 1.");
  const untouched = await toolbox.get("/classes/{classId}", { params: { path: { classId: klass.id } } });
  expect(untouched.roster?.map((s) => s.email)).toEqual([dropped.email]);

  const sync = await example("roster-sync.ts", ["--class", klass.id, "--csv", csv]);
  expect(sync.stdout).toContain("Created 1, added 2, removed 1.");
  const synced = await toolbox.get("/classes/{classId}", { params: { path: { classId: klass.id } } });
  expect(synced.roster?.map((s) => s.email).sort()).toEqual([kept.email, newcomer].sort());

  const again = await example("roster-sync.ts", ["--class", klass.id, "--csv", csv]);
  expect(again.stdout).toContain("Created 0, added 0, removed 0.");
});
