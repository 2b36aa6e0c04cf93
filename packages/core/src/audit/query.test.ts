import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDomainWorld, type DomainWorld } from "../testing";
import { recordAudit } from "./audit";
import { auditCsv, auditFilters, auditPeople, exportAuditCsv, listAudit } from "./query";

let w: DomainWorld;
let svcA: ReturnType<DomainWorld["svc"]>;
const page = { page: 1, pageSize: 50 };
beforeAll(async () => {
  w = await createDomainWorld();
  svcA = w.svc(await w.actor("a", "ADMIN"));
  const teacherA = w.svc(await w.actor("a", "TEACHER"));
  await recordAudit(
    { ...svcA, correlationId: "chain-1" },
    { action: "user.created", targetType: "User", targetId: "u-1" },
  );
  await recordAudit(teacherA, { action: "class.created", targetType: "Class", targetId: "c-1" });
  await recordAudit(w.svc(await w.actor("b", "ADMIN")), {
    action: "user.created",
    targetType: "User",
    targetId: "u-b",
  });
});
afterAll(() => w.t.close());

describe("listAudit", () => {
  it("lists only the organization's entries, newest first", async () => {
    const list = await listAudit(svcA, page);
    expect(list.items.map((e) => e.action)).toEqual(["class.created", "user.created"]);
  });
  it("filters by person, action, target and correlation id", async () => {
    expect((await listAudit(svcA, { ...page, actorId: w.users.a.TEACHER.id })).items.map((e) => e.targetId)).toEqual([
      "c-1",
    ]);
    expect((await listAudit(svcA, { ...page, action: "user.created" })).items.map((e) => e.targetId)).toEqual(["u-1"]);
    expect((await listAudit(svcA, { ...page, targetType: "Class", targetId: "c-1" })).total).toBe(1);
    expect((await listAudit(svcA, { ...page, correlationId: "chain-1" })).items.map((e) => e.targetId)).toEqual([
      "u-1",
    ]);
  });
  it("filters by date range", async () => {
    expect((await listAudit(svcA, { ...page, to: new Date(Date.now() - 86_400_000) })).total).toBe(0);
    expect((await listAudit(svcA, { ...page, from: new Date(Date.now() - 86_400_000) })).total).toBe(2);
  });
  it("searches the correlation id and the target", async () => {
    expect((await listAudit(svcA, { ...page, search: "CHAIN-1" })).items.map((e) => e.targetId)).toEqual(["u-1"]);
    expect((await listAudit(svcA, { ...page, search: "c-1" })).items.map((e) => e.action)).toEqual(["class.created"]);
  });
  it("searches actor email case-insensitively", async () => {
    const list = await listAudit(svcA, { ...page, search: w.users.a.TEACHER.email.toUpperCase() });
    expect(list.items.map((e) => e.action)).toEqual(["class.created"]);
  });
});

describe("auditCsv", () => {
  it("has a header and one row per entry of the organization", async () => {
    const lines = (await auditCsv(svcA, {})).trim().split("\n");
    expect(lines[0]).toBe("time (UTC),actor,email,action,what,target type,target id,correlation id,request id,details");
    expect(lines).toHaveLength(3);
  });
  it("holds only the filtered entries, with the action in words", async () => {
    const lines = (await auditCsv(svcA, { action: "user.created" })).trim().split("\n");
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain("Created a person");
    expect(lines[1]).toContain("chain-1");
  });
  it("is a UTF-8 CSV file named for the organization", async () => {
    const file = await exportAuditCsv(svcA, {});
    expect(file.filename).toMatch(/^audit-log-alpha-\d{4}-\d{2}-\d{2}\.csv$/);
    expect(file.contentType).toBe("text/csv; charset=utf-8");
    expect(new TextDecoder("utf-8", { ignoreBOM: true }).decode(file.body).startsWith("\uFEFFtime (UTC),")).toBe(true);
  });
});

describe("auditFilters", () => {
  it("offers the organization's own actions and target types, and its time zone", async () => {
    await w.t.db.organization.update({ where: { id: w.orgs.a }, data: { timeZone: "Europe/Paris" } });
    const filters = await auditFilters(svcA);
    expect(filters.organization).toEqual({ id: w.orgs.a, name: "Alpha School", timeZone: "Europe/Paris" });
    expect(filters.actions).toEqual(["class.created", "user.created"]);
    expect(filters.targetTypes).toEqual(["Class", "User"]);
  });
});

describe("auditPeople", () => {
  it("finds the organization's people by name or email, and one by id", async () => {
    const found = await auditPeople(svcA, { search: "teacher" });
    expect(found.items.map((p) => p.id)).toEqual([w.users.a.TEACHER.id]);
    const one = await auditPeople(svcA, { userId: w.users.a.ADMIN.id });
    expect(one.items.map((p) => p.email)).toEqual([w.users.a.ADMIN.email]);
  });
  it("never finds another organization's people", async () => {
    expect((await auditPeople(svcA, { userId: w.users.b.ADMIN.id })).items).toEqual([]);
    expect((await auditPeople(svcA, { search: "@b.test" })).items).toEqual([]);
  });
});
