// The audit log over real HTTP (the app's /api/v1 route behind a real server): an admin reads
// their organization's log and no other's, filters it (by action, person, target, request chain,
// days, free text), downloads the filtered rows as CSV, and everyone else is refused with a
// problem+json naming the request.
import type { World } from "@toolboxai/api/testing";
import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { type Credential, call, credentialHeaders, requestOf } from "./rest/client";
import { operation } from "./rest/document";
import { expectConforms, expectStatus, problemOf } from "./rest/expectations";
import { freshUser } from "./rest/rows";
import { type RestWorld, startRestWorld } from "./rest/world";

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

const route = await import("~/app/api/v1/[...path]/route");

const LIST = operation("GET /audit");
const EXPORT = operation("POST /audit/export");
const CHANGE_ROLE = operation("PUT /users/{userId}/role");

interface Entry {
  id: string;
  createdAt: string;
  action: string;
  actor: { id: string; name: string; email: string } | null;
  targetType: string | null;
  targetId: string | null;
  metadata: Record<string, unknown>;
  correlationId: string | null;
  requestId: string | null;
}
interface Page {
  items: Entry[];
  total: number;
  page: number;
  pageSize: number;
  pageCount: number;
}

let rw: RestWorld;
let w: World;
let adminB: Credential;
/** A person of org a whose role the admin changed through the API, in a request chain of our choosing. */
let changed: { userId: string; correlationId: string };
/** An entry only org b's log holds. */
let bOnly: { id: string; targetId: string };

beforeAll(async () => {
  rw = await startRestWorld(route, (world: World) => {
    holder.db = world.t.db;
  });
  w = rw.w;
  adminB = { kind: "session", userId: w.users.b.ADMIN.id, label: "org b's admin session" };
  const userId = await freshUser(w, "a");
  changed = { userId, correlationId: `audit-suite-${Date.now()}` };
  const res = await call(CHANGE_ROLE, { userId, role: "TEACHER" }, rw.sessions.ADMIN, {
    "x-correlation-id": changed.correlationId,
  });
  expectStatus(CHANGE_ROLE, res, 200);
  const row = await w.scoped("b").auditLog.create({
    data: {
      organizationId: w.orgs.b,
      actorId: w.users.b.ADMIN.id,
      action: "user.role_changed",
      targetType: "User",
      targetId: w.users.b.STUDENT.id,
    },
  });
  bOnly = { id: row.id, targetId: w.users.b.STUDENT.id };
});
afterAll(() => rw?.close());

async function list(input: Record<string, unknown>, credential: Credential = rw.sessions.ADMIN): Promise<Page> {
  const res = await call(LIST, input, credential);
  expectStatus(LIST, res, 200);
  return res.json as Page;
}

/** The export's CSV text and its rows by header name, after checking the response against the document. */
async function exportCsv(input: Record<string, unknown>, credential: Credential = rw.sessions.ADMIN) {
  const { path, body } = requestOf(EXPORT, input);
  const res = await fetch(`${rw.origin}/api/v1${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", ...credentialHeaders(credential) },
    ...(body ? { body } : {}),
  });
  const text = await res.text();
  expectConforms(EXPORT, { status: res.status, headers: res.headers, text, json: null, request: `POST ${path}` });
  const clean = text.replace(/^\uFEFF/, "");
  return {
    status: res.status,
    contentType: res.headers.get("content-type") ?? "",
    disposition: res.headers.get("content-disposition") ?? "",
    header: clean.split(/\r?\n/)[0],
    records: parse(clean, { columns: true, skip_empty_lines: true }) as Record<string, string>[],
  };
}

describe("GET /audit", () => {
  it("shows an admin the change they just made: the action, who did it, to whom, in which request", async () => {
    const page = await list({ action: "user.role_changed", targetId: changed.userId });
    expect(page.total).toBe(1);
    const entry = page.items[0];
    expect(entry?.actor?.id).toBe(w.users.a.ADMIN.id);
    expect(entry?.targetType).toBe("User");
    expect(entry?.metadata).toMatchObject({ from: "STUDENT", to: "TEACHER" });
    expect(entry?.correlationId).toBe(changed.correlationId);
    expect(entry?.requestId).toEqual(expect.any(String));
  });

  it("lists only the organization's own entries", async () => {
    const mine = await list({ pageSize: 100 });
    expect(mine.items.length).toBeGreaterThan(0);
    expect(mine.items.map((e) => e.id)).not.toContain(bOnly.id);
    expect((await list({ targetId: bOnly.targetId })).total).toBe(0);
    // Org b's admin sees org b's entry, and nothing of org a's.
    const theirs = await list({ pageSize: 100 }, adminB);
    expect(theirs.items.map((e) => e.id)).toContain(bOnly.id);
    expect((await list({ targetId: changed.userId }, adminB)).total).toBe(0);
  });

  it("gives everything one request did by its correlation id", async () => {
    const page = await list({ correlationId: changed.correlationId });
    expect(page.items.map((e) => e.action)).toEqual(["user.role_changed"]);
  });

  it("filters by the person who acted", async () => {
    const byAdmin = await list({ actorId: w.users.a.ADMIN.id, pageSize: 100 });
    expect(byAdmin.items.length).toBeGreaterThan(0);
    expect(byAdmin.items.every((e) => e.actor?.id === w.users.a.ADMIN.id)).toBe(true);
    expect((await list({ actorId: w.users.a.PARENT.id, action: "user.role_changed" })).total).toBe(0);
  });

  it("filters by a time range, both ends inclusive", async () => {
    const [entry] = (await list({ correlationId: changed.correlationId })).items;
    const at = entry?.createdAt ?? "";
    expect((await list({ correlationId: changed.correlationId, from: at, to: at })).total).toBe(1);
    const after = new Date(new Date(at).getTime() + 1).toISOString();
    expect((await list({ correlationId: changed.correlationId, from: after })).total).toBe(0);
  });

  it("searches the person's email, the action and the correlation id", async () => {
    const byEmail = await list({ search: w.users.a.ADMIN.email.toUpperCase(), action: "user.role_changed" });
    expect(byEmail.items.map((e) => e.targetId)).toContain(changed.userId);
    const byChain = await list({ search: changed.correlationId });
    expect(byChain.items.map((e) => e.targetId)).toEqual([changed.userId]);
  });

  it("pages the log, newest first", async () => {
    const first = await list({ page: 1, pageSize: 2 });
    const second = await list({ page: 2, pageSize: 2 });
    expect(first.items).toHaveLength(2);
    expect(first.pageCount).toBe(Math.ceil(first.total / 2));
    expect(second.items.map((e) => e.id)).not.toEqual(expect.arrayContaining(first.items.map((e) => e.id)));
    const times = [...first.items, ...second.items].map((e) => e.createdAt);
    expect([...times].sort().reverse()).toEqual(times);
  });

  it("refuses a teacher with a 403 problem naming the request", async () => {
    const res = await call(LIST, {}, rw.tokens.TEACHER);
    expectStatus(LIST, res, 403);
    expect(res.headers.get("content-type")).toMatch(/^application\/problem\+json/);
    expect(problemOf(res).requestId).toEqual(expect.any(String));
  });

  it("refuses a caller who is not signed in with a 401", async () => {
    expectStatus(LIST, await call(LIST, {}, { kind: "none" }), 401);
  });

  it("answers an API key holding the admin scope", async () => {
    const page = await list({ action: "user.role_changed", targetId: changed.userId }, rw.keys.ADMIN);
    expect(page.total).toBe(1);
  });
});

describe("POST /audit/export", () => {
  it("downloads the filtered rows as a CSV with a header row", async () => {
    const file = await exportCsv({ correlationId: changed.correlationId });
    expect(file.status).toBe(200);
    expect(file.contentType).toMatch(/^text\/csv/);
    expect(file.disposition).toMatch(/^attachment; filename="audit-log-alpha-\d{4}-\d{2}-\d{2}\.csv"$/);
    expect(file.header).toBe(
      "time (UTC),actor,email,action,what,target type,target id,correlation id,request id,details",
    );
    expect(file.records).toHaveLength(1);
    expect(file.records[0]).toMatchObject({
      email: w.users.a.ADMIN.email,
      action: "user.role_changed",
      what: "Changed a person's role",
      "target id": changed.userId,
      "correlation id": changed.correlationId,
    });
  });

  it("holds every filtered row of the organization and none of another's", async () => {
    const file = await exportCsv({ action: "user.role_changed" });
    const page = await list({ action: "user.role_changed", pageSize: 100 });
    expect(file.records.map((r) => r["target id"])).toEqual(page.items.map((e) => e.targetId));
    expect(file.records.map((r) => r["target id"])).not.toContain(bOnly.targetId);
  });

  it("refuses a teacher with a 403 problem", async () => {
    const res = await call(EXPORT, {}, rw.tokens.TEACHER);
    expect(res.status).toBe(403);
    expect(problemOf(res).requestId).toBe(res.headers.get("x-request-id"));
  });
});
