// The totals the organization's dashboard reads (users, content by status, users by join day) are
// kept by database triggers, so they follow every write, services or not: here rows change through
// raw SQL only, and the counters still equal what a rebuild from the source rows computes.
import { Prisma, rebuildMetricRollups } from "@toolboxai/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testRuntime } from "../analytics/test-fixtures";
import { createDomainWorld, type DomainWorld } from "../testing";
import { createMetricsCache } from "./cache";
import { getDashboardMetrics } from "./dashboard";

let w: DomainWorld;
beforeAll(async () => {
  w = await createDomainWorld();
});
afterAll(() => w.t.close());

/** The trigger-kept counters (the others are the services' to keep, see rollups.test.ts). */
const TRIGGER_KEPT = ["total_users", "users_alive_joined", "users_joined_active"];

async function counters(org: string) {
  const rows = await w.t.db.metricDaily.findMany({
    where: {
      organizationId: org,
      OR: [{ metric: { in: TRIGGER_KEPT } }, { metric: { startsWith: "content_status:" } }],
    },
    select: { metric: true, day: true, value: true },
    orderBy: [{ metric: "asc" }, { day: "asc" }],
  });
  return rows.filter((r) => r.value !== 0);
}

/** The organization's dashboard, computed afresh. */
async function dashboard() {
  const rt = { cache: createMetricsCache(), system: testRuntime().system };
  return getDashboardMetrics(w.svc(await w.actor("a", "ADMIN")), rt, { force_refresh: true });
}

const insertUser = (id: string, createdAt: string) =>
  w.t.db.$executeRaw(Prisma.sql`
    INSERT INTO "User" ("id", "organizationId", "email", "name", "passwordHash", "role", "createdAt", "updatedAt")
    VALUES (${id}, ${w.orgs.a}, ${`${id}@raw.test`}, 'Raw User', 'x', 'STUDENT', ${new Date(createdAt)}, now())`);

const insertContent = (id: string, status: string) =>
  w.t.db.$executeRaw(Prisma.sql`
    INSERT INTO "ContentItem" ("id", "organizationId", "authorId", "type", "title", "subject", "gradeLevel", "body", "status", "updatedAt")
    VALUES (${id}, ${w.orgs.a}, ${w.users.a.TEACHER.id}, 'LESSON', 'Raw lesson', 'Science', '7', '{}'::jsonb, ${status}::"ContentStatus", now())`);

describe("totals kept by triggers", () => {
  it("count users inserted, soft-deleted, restored and deleted with raw SQL", async () => {
    const before = (await dashboard()).user_metrics.total_users;
    await insertUser("raw-u1", new Date().toISOString());
    await insertUser("raw-u2", "2026-01-15T10:00:00Z");
    await insertUser("raw-u3", "2026-02-15T10:00:00Z");
    await w.t.db.$executeRaw`UPDATE "User" SET "deletedAt" = now() WHERE "id" IN ('raw-u2', 'raw-u3')`;
    await w.t.db.$executeRaw`UPDATE "User" SET "deletedAt" = NULL WHERE "id" = 'raw-u3'`;
    await w.t.db.$executeRaw`DELETE FROM "User" WHERE "id" = 'raw-u1'`;
    expect((await dashboard()).user_metrics.total_users).toBe(before + 1);
  });

  it("count content by status through raw inserts, status changes, soft deletes and deletes", async () => {
    const before = (await dashboard()).content_metrics;
    await insertContent("raw-c1", "DRAFT");
    await insertContent("raw-c2", "DRAFT");
    await insertContent("raw-c3", "PUBLISHED");
    await w.t.db.$executeRaw`UPDATE "ContentItem" SET "status" = 'PUBLISHED' WHERE "id" = 'raw-c1'`;
    await w.t.db.$executeRaw`UPDATE "ContentItem" SET "deletedAt" = now() WHERE "id" = 'raw-c3'`;
    await w.t.db.$executeRaw`DELETE FROM "ContentItem" WHERE "id" = 'raw-c2'`;
    const after = (await dashboard()).content_metrics;
    expect(after).toMatchObject({
      total_content: before.total_content + 1,
      published_content: before.published_content + 1,
      draft_content: before.draft_content,
    });
  });

  it("equal, after raw writes, what a rebuild from the source rows computes", async () => {
    await insertUser("raw-u4", "2026-11-20T08:00:00Z");
    await insertUser("raw-u6", "2026-11-21T08:00:00Z");
    await w.t.db.$executeRaw`UPDATE "User" SET "deletedAt" = now() WHERE "id" = 'raw-u6'`;
    await insertContent("raw-c4", "IN_REVIEW");
    await w.t.db.$executeRaw`UPDATE "ContentItem" SET "status" = 'ARCHIVED' WHERE "id" = 'raw-c4'`;
    const kept = await counters(w.orgs.a);
    await rebuildMetricRollups(w.t.db, w.orgs.a);
    expect(await counters(w.orgs.a)).toEqual(kept);
  });

  it("never count another organization's rows", async () => {
    const other = await counters(w.orgs.b);
    await insertUser("raw-u5", new Date().toISOString());
    await insertContent("raw-c5", "PUBLISHED");
    expect(await counters(w.orgs.b)).toEqual(other);
  });
});
