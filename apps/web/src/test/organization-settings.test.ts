// GET and PUT /api/v1/organization/settings over real HTTP (the app's /api/v1 route module behind
// node:http): an admin reads and changes their organization's settings, everyone else is refused
// with the documented problem+json, an invalid body is refused field by field, and the allowed
// email domains an admin sets are enforced when an account is created.
import type { World } from "@toolboxai/api/testing";
import type { OrgSettingsView } from "@toolboxai/validators";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { ANONYMOUS, type Credential, call } from "./rest/client";
import { operation } from "./rest/document";
import { expectStatus, invalidFields, problemOf } from "./rest/expectations";
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

let rw: RestWorld;
beforeAll(async () => {
  rw = await startRestWorld(route, (w: World) => {
    holder.db = w.t.db;
  });
});
afterAll(() => rw?.close());

const GET = operation("GET /organization/settings");
const PUT = operation("PUT /organization/settings");
const CREATE_USER = operation("POST /users");

const settingsOf = (res: { json: unknown }) => res.json as OrgSettingsView;
const sessionOf = (userId: string, label: string): Credential => ({ kind: "session", userId, label });

describe("GET /organization/settings", () => {
  it("answers an admin their organization's settings and its plan", async () => {
    const res = await call(GET, undefined, rw.sessions.ADMIN);
    expectStatus(GET, res, 200);
    expect(settingsOf(res)).toMatchObject({
      id: rw.w.orgs.a,
      name: "Alpha School",
      plan: "FREE",
      timeZone: "UTC",
      retentionActivityDays: 365,
      aiGenerateRoles: ["ADMIN", "TEACHER"],
    });
  });

  it("answers another organization's admin with their own organization only", async () => {
    const res = await call(GET, undefined, sessionOf(rw.w.users.b.ADMIN.id, "org b admin session"));
    expectStatus(GET, res, 200);
    expect(settingsOf(res)).toMatchObject({ id: rw.w.orgs.b, name: "Beta Academy" });
  });

  it("answers an admin's key holding the admin scope, and refuses one without it (403)", async () => {
    expectStatus(GET, await call(GET, undefined, rw.keys.ADMIN), 200);
    const lacking = await call(GET, undefined, rw.lacking.admin.ADMIN);
    expectStatus(GET, lacking, 403);
    expect(problemOf(lacking).detail).toContain("admin");
  });

  it("refuses a teacher, a student and a parent with 403 problem+json, and no credential with 401", async () => {
    for (const role of ["TEACHER", "STUDENT", "PARENT"] as const) {
      const res = await call(GET, undefined, rw.sessions[role]);
      expectStatus(GET, res, 403);
      expect(res.headers.get("content-type")).toContain("application/problem+json");
      expect(problemOf(res)).toMatchObject({
        status: 403,
        code: "FORBIDDEN",
        instance: "/api/v1/organization/settings",
      });
    }
    expectStatus(GET, await call(GET, undefined, ANONYMOUS), 401);
  });
});

describe("PUT /organization/settings", () => {
  it("changes the fields sent, keeps the others, and GET shows the change", async () => {
    const res = await call(
      PUT,
      { timeZone: "America/Chicago", gradeDisplay: "LETTER", retentionAuditDays: null, aiDailyTokenBudget: 250_000 },
      rw.sessions.ADMIN,
    );
    expectStatus(PUT, res, 200);
    expect(settingsOf(res)).toMatchObject({
      name: "Alpha School",
      timeZone: "America/Chicago",
      gradeDisplay: "LETTER",
      retentionAuditDays: null,
      aiDailyTokenBudget: 250_000,
    });
    expect(settingsOf(await call(GET, undefined, rw.sessions.ADMIN))).toMatchObject({
      timeZone: "America/Chicago",
      gradeDisplay: "LETTER",
    });
    const audit = await rw.w.t.db.auditLog.findFirstOrThrow({
      where: { organizationId: rw.w.orgs.a, action: "organization.settings_updated" },
      orderBy: { createdAt: "desc" },
    });
    expect(audit.metadata).toMatchObject({
      changed: ["timeZone", "gradeDisplay", "retentionAuditDays", "aiDailyTokenBudget"],
    });
  });

  it("refuses a body with invalid fields (400), naming each field, and changes nothing", async () => {
    const before = settingsOf(await call(GET, undefined, rw.sessions.ADMIN));
    const res = await call(
      PUT,
      { name: "X", timeZone: "Mars/Olympus", allowedEmailDomains: ["not a domain"], erasureGraceDays: -1 },
      rw.sessions.ADMIN,
    );
    expectStatus(PUT, res, 400);
    expect(problemOf(res).code).toBe("BAD_REQUEST");
    expect(invalidFields(res).sort()).toEqual(["allowedEmailDomains", "erasureGraceDays", "name", "timeZone"]);
    expect(settingsOf(await call(GET, undefined, rw.sessions.ADMIN))).toEqual(before);
  });

  it("accepts a time zone the browser offers that is outside the server's canonical list", async () => {
    for (const timeZone of ["Asia/Kolkata", "Europe/Kyiv"]) {
      const res = await call(PUT, { timeZone }, rw.sessions.ADMIN);
      expectStatus(PUT, res, 200);
      expect(settingsOf(res).timeZone).toBe(timeZone);
    }
  });

  it("still answers GET when the stored time zone is one the runtime no longer knows", async () => {
    const { timeZone } = await rw.w.t.db.organization.findUniqueOrThrow({ where: { id: rw.w.orgs.a } });
    await rw.w.t.db.organization.update({ where: { id: rw.w.orgs.a }, data: { timeZone: "Atlantis/Old_Name" } });
    try {
      const res = await call(GET, undefined, rw.sessions.ADMIN);
      expectStatus(GET, res, 200);
      expect(settingsOf(res).timeZone).toBe("Atlantis/Old_Name");
    } finally {
      await rw.w.t.db.organization.update({ where: { id: rw.w.orgs.a }, data: { timeZone } });
    }
  });

  it("refuses keeping audit rows for less than 365 days (400 on retentionAuditDays)", async () => {
    const res = await call(PUT, { retentionAuditDays: 30 }, rw.sessions.ADMIN);
    expectStatus(PUT, res, 400);
    expect(invalidFields(res)).toEqual(["retentionAuditDays"]);
    expect(settingsOf(await call(GET, undefined, rw.sessions.ADMIN)).retentionAuditDays).not.toBe(30);
  });

  it("refuses allowed domains that would lock the admins out (400 on allowedEmailDomains)", async () => {
    const res = await call(PUT, { allowedEmailDomains: ["elsewhere.example"] }, rw.sessions.ADMIN);
    expectStatus(PUT, res, 400);
    expect(problemOf(res).fieldErrors?.allowedEmailDomains?.[0]).toContain(rw.w.users.a.ADMIN.email);
    expect(settingsOf(await call(GET, undefined, rw.sessions.ADMIN)).allowedEmailDomains).toEqual([]);
  });

  it("refuses a teacher with 403 problem+json and leaves the settings as they were", async () => {
    const res = await call(PUT, { name: "Teacher's School" }, rw.sessions.TEACHER);
    expectStatus(PUT, res, 403);
    expect(problemOf(res).code).toBe("FORBIDDEN");
    expect(settingsOf(await call(GET, undefined, rw.sessions.ADMIN)).name).toBe("Alpha School");
  });

  it("makes account creation refuse an address outside the allowed domains, next to the email field", async () => {
    expectStatus(PUT, await call(PUT, { allowedEmailDomains: ["a.test"] }, rw.sessions.ADMIN), 200);
    try {
      const refused = await call(
        CREATE_USER,
        { name: "Out Sider", email: "out@elsewhere.example", role: "STUDENT" },
        rw.sessions.ADMIN,
      );
      expectStatus(CREATE_USER, refused, 400);
      expect(problemOf(refused).fieldErrors?.email?.[0]).toContain("@a.test");
      const made = await call(
        CREATE_USER,
        { name: "In Sider", email: "insider@a.test", role: "STUDENT" },
        rw.sessions.ADMIN,
      );
      expectStatus(CREATE_USER, made, 201);
    } finally {
      await call(PUT, { allowedEmailDomains: [] }, rw.sessions.ADMIN);
    }
  });
});
