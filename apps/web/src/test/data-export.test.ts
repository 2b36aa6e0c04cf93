// GET /api/exports/:token over real HTTP: the app's route module behind a node:http server, the
// database and the procedures real, the zip read back with the test's own reader (./unzip.ts). The
// only stand-in is who the browser session is (the `x-test-session` header, see rest/http-server).
import type { World } from "@toolboxai/api/testing";
import { createWorld } from "@toolboxai/api/testing";
import { exportsSettled, type RateLimiter } from "@toolboxai/core";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { type RunningServer, serveRoutes, TEST_SESSION_HEADER } from "./rest/http-server";
import { generousLimits, installRateLimiter } from "./rest/world";
import { unzip } from "./unzip";

const holder = vi.hoisted(() => ({ db: null as unknown }));
vi.mock("next-auth", async (importOriginal) => {
  const { sessionScope } = await import("./rest/http-server");
  return {
    ...(await importOriginal<typeof import("next-auth")>()),
    getServerSession: async () => {
      const id = sessionScope.getStore();
      return id ? { user: { id } } : null;
    },
  };
});
vi.mock("~/server/db", () => ({ getDb: () => holder.db }));

const route = await import("~/app/api/exports/[token]/route");

let w: World;
let server: RunningServer;
let limiter: RateLimiter;
beforeAll(async () => {
  w = await createWorld();
  holder.db = w.t.db;
  limiter = installRateLimiter(generousLimits());
  server = await serveRoutes({
    "/api/exports": {
      GET: (req) => {
        const token = decodeURIComponent(new URL(req.url).pathname.split("/").pop() ?? "");
        return route.GET(req, { params: Promise.resolve({ token }) });
      },
    },
  });
});
afterAll(async () => {
  await exportsSettled();
  await server?.close();
  await limiter?.close();
  await w?.t.close();
});

/** The student's export, built, and a fresh link to it made by `role` of organization a. */
async function builtLink(role: "ADMIN" | "STUDENT" = "ADMIN") {
  const caller = w.caller(await w.actor("a", role));
  const requested = await caller.dataExports.request({ subjectId: w.users.a.STUDENT.id });
  await exportsSettled();
  const link = await caller.dataExports.link({ exportId: requested.id });
  return { exportId: requested.id, url: link.url };
}

function get(path: string, as: string | null, headers: Record<string, string> = {}) {
  return fetch(`${server.origin}${path}`, { headers: { ...(as ? { [TEST_SESSION_HEADER]: as } : {}), ...headers } });
}

describe("GET /api/exports/:token", () => {
  it("downloads the zip as an attachment, never cached, for the admin who asked", async () => {
    const { url } = await builtLink("ADMIN");
    const res = await get(url, w.users.a.ADMIN.id);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/zip");
    expect(res.headers.get("content-disposition")).toMatch(
      /^attachment; filename="data-export-student-a-\d{4}-\d{2}-\d{2}\.zip"$/,
    );
    expect(res.headers.get("cache-control")).toBe("no-store");
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect(res.headers.get("content-length")).toBe(String(bytes.byteLength));
    expect(new TextDecoder().decode(bytes.slice(0, 2))).toBe("PK");
    const files = unzip(bytes);
    expect([...files.keys()]).toEqual(expect.arrayContaining(["README.txt", "profile.json", "profile.csv"]));
    expect(new TextDecoder().decode(files.get("profile.json"))).toContain(w.users.a.STUDENT.email);
  });

  it("downloads the student's own export for the student", async () => {
    const { url } = await builtLink("STUDENT");
    const res = await get(url, w.users.a.STUDENT.id);
    expect(res.status).toBe(200);
    expect(unzip(new Uint8Array(await res.arrayBuffer())).has("messages.csv")).toBe(true);
  });

  it("answers 404 problem+json for a token that names no export", async () => {
    const res = await get(`/api/exports/${"n".repeat(43)}`, w.users.a.ADMIN.id);
    expect(res.status).toBe(404);
    expect(res.headers.get("content-type")).toBe("application/problem+json");
    expect(await res.json()).toMatchObject({ status: 404, code: "NOT_FOUND", title: "Not Found" });
  });

  it("answers 401 to a signed-out browser, even with a valid link", async () => {
    const { url } = await builtLink("ADMIN");
    const res = await get(url, null);
    expect(res.status).toBe(401);
  });

  it("answers 404 to a signed-in person who does not see the export (a forwarded link)", async () => {
    const { url } = await builtLink("ADMIN");
    expect((await get(url, w.users.a.TEACHER.id)).status).toBe(404);
    expect((await get(url, w.users.b.ADMIN.id)).status).toBe(404);
  });

  it("answers 403 to a link followed from another site (a download is audited, so it is a change)", async () => {
    const { url } = await builtLink("ADMIN");
    const res = await get(url, w.users.a.ADMIN.id, { "sec-fetch-site": "cross-site" });
    expect(res.status).toBe(403);
    expect((await get(url, w.users.a.ADMIN.id, { "sec-fetch-site": "none" })).status).toBe(200);
  });

  it("answers 410 Gone once the export has expired, and the file is deleted", async () => {
    const { exportId, url } = await builtLink("ADMIN");
    await w.scoped("a").dataExport.update({ where: { id: exportId }, data: { expiresAt: new Date(Date.now() - 1) } });
    const res = await get(url, w.users.a.ADMIN.id);
    expect(res.status).toBe(410);
    expect(await res.json()).toMatchObject({ status: 410, code: "GONE" });
    const row = await w.scoped("a").dataExport.findFirstOrThrow({ where: { id: exportId } });
    expect(row.file).toBeNull();
  });

  it("shows a browser the expiry as a page, not JSON", async () => {
    const { exportId, url } = await builtLink("ADMIN");
    await w.scoped("a").dataExport.update({ where: { id: exportId }, data: { expiresAt: new Date(Date.now() - 1) } });
    const res = await get(url, w.users.a.ADMIN.id, { accept: "text/html,application/xhtml+xml,*/*;q=0.8" });
    expect(res.status).toBe(410);
    expect(await res.text()).toContain("<h1>This download link has expired</h1>");
  });

  it("audits the download", async () => {
    const { exportId, url } = await builtLink("ADMIN");
    await get(url, w.users.a.ADMIN.id);
    const rows = await w.scoped("a").auditLog.findMany({
      where: { action: "data_export.downloaded", metadata: { path: ["exportId"], equals: exportId } },
    });
    expect(rows).toHaveLength(1);
  });
});
