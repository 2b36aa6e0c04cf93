import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readDbEnv } from "./env";
import { scopeToOrganization, TENANT_MODELS } from "./tenancy";
import { createTestDatabase, type TestDatabase } from "./testing";

describe("tenant scoping", () => {
  let t: TestDatabase;
  let orgA: string;
  let orgB: string;
  beforeAll(async () => {
    t = await createTestDatabase();
    orgA = (await t.db.organization.create({ data: { name: "A", slug: "a" } })).id;
    orgB = (await t.db.organization.create({ data: { name: "B", slug: "b" } })).id;
    for (const [org, email] of [
      [orgA, "a1@x.test"],
      [orgA, "a2@x.test"],
      [orgB, "b1@x.test"],
    ] as const) {
      await t.db.user.create({ data: { organizationId: org, email, name: email, passwordHash: "x", role: "STUDENT" } });
    }
  });
  afterAll(() => t.close());

  it("covers every model that has an organizationId column", () => {
    const schema = fs.readFileSync(readDbEnv().schemaPath, "utf8");
    const owned = [...schema.matchAll(/model (\w+) \{([^}]*)\}/g)]
      .filter(([, , body]) => /^\s*organizationId\s/m.test(body ?? ""))
      .map(([, name]) => name);
    expect([...TENANT_MODELS].sort()).toEqual(owned.sort());
  });

  it("lists and counts only the organization's rows", async () => {
    const a = scopeToOrganization(t.db, orgA);
    expect((await a.user.findMany()).map((u) => u.email).sort()).toEqual(["a1@x.test", "a2@x.test"]);
    expect(await a.user.count()).toBe(2);
  });

  it("does not find another organization's row by its unique key", async () => {
    const a = scopeToOrganization(t.db, orgA);
    expect(
      await a.user.findUnique({ where: { organizationId_email: { organizationId: orgB, email: "b1@x.test" } } }),
    ).toBeNull();
  });

  it("does not update another organization's rows", async () => {
    const a = scopeToOrganization(t.db, orgA);
    const b1 = await t.db.user.findFirstOrThrow({ where: { email: "b1@x.test" } });
    await expect(a.user.update({ where: { id: b1.id }, data: { name: "hacked" } })).rejects.toThrow();
    expect((await a.user.updateMany({ data: { active: true } })).count).toBe(2);
    expect((await t.db.user.findUniqueOrThrow({ where: { id: b1.id } })).name).toBe("b1@x.test");
  });

  it("stamps created rows with the organization", async () => {
    const b = scopeToOrganization(t.db, orgB);
    const row = await b.activityEvent.create({ data: { type: "test" } as never });
    expect(row.organizationId).toBe(orgB);
  });
});
