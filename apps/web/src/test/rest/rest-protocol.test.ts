// The REST API's protocol over real HTTP, outside any one operation's table: every path of the
// document answers a method it does not take with 405 and Allow; bodies that are not JSON, or not
// JSON at all, are refused as problem+json before any procedure; unknown routes; boolean query
// parameters; the correlation headers. And the response checker itself refuses what it should,
// so the suites' conformance checks cannot pass vacuously.
import type { World } from "@toolboxai/api/testing";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { call, credentialHeaders as credentialHeadersOf, requestOf, sendRaw } from "./client";
import { nonConformities, problemNonConformities } from "./conformance";
import { doc, operation, operations } from "./document";
import { expectStatus, invalidFields } from "./expectations";
import { freshAssignment, freshClass, freshContent } from "./rows";
import { type RestWorld, startRestWorld } from "./world";

const holder = vi.hoisted(() => ({ db: null as unknown }));
vi.mock("next-auth", async (importOriginal) => {
  const { sessionScope } = await import("./http-server");
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

let rw: RestWorld;
beforeAll(async () => {
  rw = await startRestWorld(route, (w: World) => {
    holder.db = w.t.db;
  });
});
afterAll(() => rw?.close());

describe("the response checker", () => {
  const op = operation("GET /content/{contentId}");
  const ids = { "x-request-id": "r", "x-correlation-id": "c", "x-service-name": "web", "x-chain-depth": "1" };
  const headers = new Headers({ ...ids, "content-type": "application/json" });

  it("accepts a response that is what the document declares", async () => {
    const res = await call(op, { contentId: (await freshContent(rw.w, "a")).id }, rw.keys.TEACHER);
    expect(res.status).toBe(200);
    expect(nonConformities(op, res)).toEqual([]);
    expect(nonConformities(op, { status: 200, headers, text: res.text })).toEqual([]);
  });

  it("refuses a response without the correlation headers", async () => {
    const res = await call(op, { contentId: (await freshContent(rw.w, "a")).id }, rw.keys.TEACHER);
    const bare = new Headers({ "content-type": "application/json" });
    expect(nonConformities(op, { status: 200, headers: bare, text: res.text })).not.toEqual([]);
  });

  it("refuses a body that breaks the declared schema", () => {
    expect(nonConformities(op, { status: 200, headers, text: JSON.stringify({ id: 1 }) })).not.toEqual([]);
  });

  it("refuses a status the operation does not document", () => {
    expect(nonConformities(op, { status: 418, headers, text: "{}" })).not.toEqual([]);
  });

  it("refuses an error that is not problem+json", () => {
    const body = JSON.stringify({
      type: "/docs/problems#not-found",
      title: "Not found",
      status: 404,
      detail: "x",
      instance: "/",
      code: "NOT_FOUND",
      requestId: "r",
      correlationId: "c",
    });
    expect(nonConformities(op, { status: 404, headers, text: body })).not.toEqual([]);
    expect(problemNonConformities({ status: 404, headers, text: body })).not.toEqual([]);
  });
});

function templateMatches(template: string, path: string): boolean {
  const pattern = template.replace(/[.]/g, "\\.").replace(/\{[^}]+\}/g, "[^/]+");
  return new RegExp(`^${pattern}$`).test(path);
}

describe("every path of the document", () => {
  const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"];
  for (const [path, item] of Object.entries(doc.paths)) {
    const documented = Object.keys(item).map((m) => m.toUpperCase());
    const concretePath = path.replace(/\{[^}]+\}/g, "x1");
    // A method no other path answers at this URL (GET /classes/join is GET /classes/{classId}).
    const wrong = METHODS.find(
      (m) =>
        !documented.includes(m) && !operations.some((o) => o.method === m && templateMatches(o.path, concretePath)),
    );
    if (!wrong) continue;
    it(`${wrong} ${path} answers 405 problem+json with Allow listing its methods`, async () => {
      const res = await sendRaw({ method: wrong, path: concretePath, headers: credentialHeadersOf(rw.keys.ADMIN) });
      expect(res.status, res.text).toBe(405);
      expect(problemNonConformities(res)).toEqual([]);
      // Every method the URL answers: /classes/join is also /classes/{classId}.
      const answered = [
        ...new Set(operations.filter((o) => templateMatches(o.path, concretePath)).map((o) => o.method)),
      ];
      const allow = (res.headers.get("allow") ?? "").split(",").map((m) => m.trim());
      expect(allow.filter((m) => METHODS.includes(m)).sort()).toEqual(answered.sort());
      expect(answered).toEqual(expect.arrayContaining(documented));
    });
  }
});

describe("bodies the adapter refuses before any procedure", () => {
  const withBody = operations.filter((o) => o.bodySchema);

  it.each(withBody.map((o) => [o.name, o] as const))("%s answers 400 problem+json to malformed JSON", async (_, op) => {
    const { path } = requestOf(op, Object.fromEntries(op.pathParams.map((p) => [p, "x1"])));
    const res = await sendRaw({
      method: op.method,
      path,
      headers: { "content-type": "application/json", ...credentialHeadersOf(rw.keys.ADMIN) },
      body: '{"title": "unterminated',
    });
    expectStatus(op, res, 400);
  });

  it.each(withBody.map((o) => [o.name, o] as const))(
    "%s answers 415 problem+json to a text/plain body",
    async (_, op) => {
      const { path } = requestOf(op, Object.fromEntries(op.pathParams.map((p) => [p, "x1"])));
      const res = await sendRaw({
        method: op.method,
        path,
        headers: { "content-type": "text/plain", ...credentialHeadersOf(rw.keys.ADMIN) },
        body: "hello",
      });
      expectStatus(op, res, 415);
    },
  );
});

describe("bodies over the cap or of the wrong shape", () => {
  const withBody = operations.filter((o) => o.bodySchema);
  const over = JSON.stringify({ title: "x".repeat(1024 * 1024 + 10) });

  it.each(withBody.map((o) => [o.name, o] as const))(
    "%s answers 413 problem+json to a body over 1 MiB",
    async (_, op) => {
      const { path } = requestOf(op, Object.fromEntries(op.pathParams.map((p) => [p, "x1"])));
      const res = await sendRaw({
        method: op.method,
        path,
        headers: { "content-type": "application/json", ...credentialHeadersOf(rw.keys.ADMIN) },
        body: over,
      });
      expectStatus(op, res, 413);
    },
  );

  it.each(withBody.map((o) => [o.name, o] as const))("%s answers 400 problem+json to a JSON array", async (_, op) => {
    const { path } = requestOf(op, Object.fromEntries(op.pathParams.map((p) => [p, "x1"])));
    const res = await sendRaw({
      method: op.method,
      path,
      headers: { "content-type": "application/json", ...credentialHeadersOf(rw.keys.ADMIN) },
      body: '[{"title":"x"}]',
    });
    expectStatus(op, res, 400);
  });
});

describe("HEAD and OPTIONS", () => {
  it("HEAD /content/{contentId} answers like GET, without a body", async () => {
    const op = operation("GET /content/{contentId}");
    const contentId = (await freshContent(rw.w, "a")).id;
    const get = await call(op, { contentId }, rw.keys.TEACHER);
    const head = await sendRaw({
      method: "HEAD",
      path: `/content/${contentId}`,
      headers: credentialHeadersOf(rw.keys.TEACHER),
    });
    expect([head.status, head.text]).toEqual([200, ""]);
    expect(head.headers.get("content-type")).toBe(get.headers.get("content-type"));
    expect(head.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("OPTIONS /content/{contentId} answers 204 with Allow listing its methods", async () => {
    const res = await sendRaw({ method: "OPTIONS", path: "/content/x1" });
    expect(res.status).toBe(204);
    const allow = (res.headers.get("allow") ?? "").split(",").map((m) => m.trim());
    expect(allow).toEqual(expect.arrayContaining(["GET", "PUT", "DELETE"]));
  });
});

describe("an unknown route", () => {
  it("GET /api/v1/no/such/thing answers 404 problem+json", async () => {
    const res = await sendRaw({ method: "GET", path: "/no/such/thing" });
    expect(res.status).toBe(404);
    expect(problemNonConformities(res)).toEqual([]);
  });
});

describe("boolean query parameters", () => {
  it("GET /classes?includeArchived=false leaves archived classes out, and =true lists them", async () => {
    const archived = await freshClass(rw.w, "a");
    await rw.w.scoped("a").class.update({ where: { id: archived.id }, data: { archivedAt: new Date() } });
    const op = operation("GET /classes");
    const ids = async (includeArchived: string) => {
      const res = await call(op, { includeArchived }, rw.keys.TEACHER);
      expectStatus(op, res, 200);
      return (res.json as { id: string }[]).map((c) => c.id);
    };
    expect(await ids("false")).not.toContain(archived.id);
    expect(await ids("true")).toContain(archived.id);
  });

  it("GET /content?deleted=false leaves deleted items out, and =true lists only them", async () => {
    const deleted = await freshContent(rw.w, "a", { deletedAt: new Date() });
    const live = await freshContent(rw.w, "a");
    const op = operation("GET /content");
    const ids = async (value: string) => {
      const res = await call(op, { deleted: value, limit: 100 }, rw.keys.TEACHER);
      expectStatus(op, res, 200);
      return (res.json as { items: { id: string }[] }).items.map((c) => c.id);
    };
    const notDeleted = await ids("false");
    expect(notDeleted).not.toContain(deleted.id);
    expect(notDeleted).toContain(live.id);
    expect(await ids("true")).toContain(deleted.id);
  });
});

describe("correlation ids", () => {
  const me = operation("GET /me");

  it("echo the caller's sane X-Correlation-ID, with a new X-Request-ID for each request", async () => {
    const headers = { "x-correlation-id": "sis-sync-2026-12-02", "x-request-id": "chosen-by-the-caller" };
    const [a, b] = [
      await call(me, undefined, rw.tokens.ADMIN, headers),
      await call(me, undefined, rw.tokens.ADMIN, headers),
    ];
    expectStatus(me, a, 200);
    expect([a.headers.get("x-correlation-id"), b.headers.get("x-correlation-id")]).toEqual([
      "sis-sync-2026-12-02",
      "sis-sync-2026-12-02",
    ]);
    expect(a.headers.get("x-request-id")).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
    expect(a.headers.get("x-request-id")).not.toBe(b.headers.get("x-request-id"));
    expect(a.headers.get("x-service-name")).toBe("web");
  });

  it("replace an X-Correlation-ID that is not sane with a new UUID v4", async () => {
    const res = await call(me, undefined, rw.tokens.ADMIN, { "x-correlation-id": `bad id <script>${"x".repeat(300)}` });
    expectStatus(me, res, 200);
    expect(res.headers.get("x-correlation-id")).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
  });

  it("carry the caller's parent and increment the chain depth", async () => {
    const res = await call(me, undefined, rw.tokens.ADMIN, {
      "x-correlation-id": "chain-1",
      "x-parent-correlation-id": "parent-request-7",
      "x-chain-depth": "3",
    });
    expectStatus(me, res, 200);
    expect(res.headers.get("x-parent-correlation-id")).toBe("parent-request-7");
    expect(res.headers.get("x-chain-depth")).toBe("4");
  });

  it("are on a 401 problem too, its requestId the X-Request-ID", async () => {
    const res = await call(me, undefined, { kind: "none" }, { "x-correlation-id": "anonymous-probe" });
    expectStatus(me, res, 401);
    expect(res.headers.get("x-correlation-id")).toBe("anonymous-probe");
  });

  it("refuse a request more than 10 calls deep with 508 problem+json", async () => {
    const res = await call(me, undefined, rw.tokens.ADMIN, { "x-chain-depth": "10" });
    expect(res.status).toBe(508);
    expect(problemNonConformities(res)).toEqual([]);
    expect(res.headers.get("x-chain-depth")).toBe("11");
  });
});

describe("inputs an adapter could get wrong", () => {
  it('POST /assignments refuses the string "false" for showCorrectAnswers with 400 naming it', async () => {
    const op = operation("POST /assignments");
    const { contentId } = await freshAssignment(rw.w, "a", "QUIZ");
    const classId = (await freshClass(rw.w, "a")).id;
    const res = await call(op, { classId, contentId, showCorrectAnswers: "false" }, rw.keys.TEACHER);
    expectStatus(op, res, 400);
    expect(invalidFields(res)).toContain("showCorrectAnswers");
  });

  it("GET /me?constructor=x answers 200, the parameter ignored", async () => {
    const res = await sendRaw({
      method: "GET",
      path: "/me?constructor=x",
      headers: credentialHeadersOf(rw.tokens.ADMIN),
    });
    expectStatus(operation("GET /me"), res, 200);
  });

  it('POST /classes/join answers 400 to {"valueOf":"\\u0000"} naming the member', async () => {
    const op = operation("POST /classes/join");
    const code = (await freshClass(rw.w, "a")).joinCode;
    const res = await call(op, { code, valueOf: "\u0000" }, rw.tokens.STUDENT);
    expectStatus(op, res, 400);
    expect(invalidFields(res)).toContain("valueOf");
  });

  it("GET /roblox/environments/{environmentId}/rojo answers 400 naming environmentId for a 65-character id", async () => {
    const op = operation("GET /roblox/environments/{environmentId}/rojo");
    const res = await call(op, { environmentId: "x".repeat(65) }, rw.keys.TEACHER);
    expectStatus(op, res, 400);
    expect(invalidFields(res)).toContain("environmentId");
  });
});
