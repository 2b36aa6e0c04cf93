// Retention: activity events, audit rows and agent executions' prompts and outputs older than the
// organization's periods go; newer ones, other organizations' and kinds kept forever stay.
import type { Database } from "@toolboxai/db";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createDomainWorld, type DomainWorld } from "../testing";
import {
  applyRetention,
  applyRetentionAll,
  previewRetention,
  REMOVED_IO,
  retentionPreview,
  retentionRun,
} from "./retention";

let w: DomainWorld;
let db: Database;
beforeAll(async () => {
  w = await createDomainWorld();
  db = w.t.db;
});
afterAll(() => w.t.close());

const NOW = new Date("2026-06-01T12:00:00Z");
const daysAgo = (days: number) => new Date(NOW.getTime() - days * 86_400_000);

/** Each organization: one activity event, one audit row and one agent execution at each age. */
async function seed(org: "a" | "b", ages: number[]) {
  const organizationId = w.orgs[org];
  const teacher = w.users[org].TEACHER.id;
  const task = await db.agentTask.create({
    data: { organizationId, createdById: teacher, request: {}, provider: "offline", model: "test" },
  });
  for (const age of ages) {
    const at = daysAgo(age);
    await db.activityEvent.create({ data: { organizationId, userId: teacher, type: `seen-${age}`, createdAt: at } });
    await db.auditLog.create({ data: { organizationId, actorId: teacher, action: `test.aged_${age}`, createdAt: at } });
    await db.agentExecution.create({
      data: {
        organizationId,
        taskId: task.id,
        step: `step-${age}`,
        agent: "content",
        input: { prompt: `Write about volcanoes for Ada (${age})` },
        output: { text: `Volcanoes (${age})` },
        provider: "offline",
        model: "test",
        promptTokens: 120,
        completionTokens: 80,
        startedAt: at,
      },
    });
  }
}

async function periods(
  org: "a" | "b",
  days: { activity: number | null; audit: number | null; agentIo: number | null },
) {
  await db.organization.update({
    where: { id: w.orgs[org] },
    data: { retentionActivityDays: days.activity, retentionAuditDays: days.audit, retentionAgentIoDays: days.agentIo },
  });
}

beforeEach(async () => {
  for (const org of ["a", "b"] as const) {
    const organizationId = w.orgs[org];
    await db.activityEvent.deleteMany({ where: { organizationId } });
    await db.auditLog.deleteMany({ where: { organizationId } });
    await db.agentTask.deleteMany({ where: { organizationId } });
    await seed(org, [400, 100, 10]);
  }
  await periods("a", { activity: 365, audit: 30, agentIo: 90 });
  await periods("b", { activity: 365, audit: 30, agentIo: 90 });
});

const activityTypes = async (org: "a" | "b") =>
  (await db.activityEvent.findMany({ where: { organizationId: w.orgs[org] }, orderBy: { type: "asc" } })).map(
    (e) => e.type,
  );
const agedAuditActions = async (org: "a" | "b") =>
  (
    await db.auditLog.findMany({
      where: { organizationId: w.orgs[org], action: { startsWith: "test.aged_" } },
      orderBy: { action: "asc" },
    })
  ).map((r) => r.action);
const executions = async (org: "a" | "b") =>
  db.agentExecution.findMany({ where: { organizationId: w.orgs[org] }, orderBy: { step: "asc" } });

describe("the dry run", () => {
  it("counts what would go, per kind, with each kind's cutoff", async () => {
    expect(await previewRetention(db, w.orgs.a, NOW)).toEqual({
      activity: { cutoff: daysAgo(365), count: 1 },
      audit: { cutoff: daysAgo(30), count: 2 },
      agentIo: { cutoff: daysAgo(90), count: 2 },
    });
  });

  it("deletes and changes nothing", async () => {
    await previewRetention(db, w.orgs.a, NOW);
    expect(await activityTypes("a")).toHaveLength(3);
    expect(await agedAuditActions("a")).toHaveLength(3);
    expect((await executions("a")).every((e) => e.output !== null)).toBe(true);
  });
});

describe("applying retention", () => {
  it("deletes activity events older than the activity period and keeps newer ones", async () => {
    await applyRetention(db, w.orgs.a, NOW);
    expect(await activityTypes("a")).toEqual(["seen-10", "seen-100"]);
  });

  it("deletes audit rows older than the audit period and keeps newer ones", async () => {
    await applyRetention(db, w.orgs.a, NOW);
    expect(await agedAuditActions("a")).toEqual(["test.aged_10"]);
  });

  it("clears old agent executions' prompts and outputs but keeps the rows and their token counts", async () => {
    await applyRetention(db, w.orgs.a, NOW);
    const [step10, step100, step400] = await executions("a");
    expect(step10).toMatchObject({
      input: { prompt: "Write about volcanoes for Ada (10)" },
      output: { text: "Volcanoes (10)" },
    });
    for (const old of [step100, step400]) {
      expect(old).toMatchObject({ input: REMOVED_IO, output: null, promptTokens: 120, completionTokens: 80 });
    }
  });

  it("reports what it removed, as the dry run predicted, and audits the counts", async () => {
    const predicted = await previewRetention(db, w.orgs.a, NOW);
    expect(await applyRetention(db, w.orgs.a, NOW)).toEqual(predicted);
    const row = await db.auditLog.findFirstOrThrow({
      where: { organizationId: w.orgs.a, action: "retention.applied" },
    });
    expect(row).toMatchObject({ actorId: null, metadata: { activity: 1, audit: 2, agentIo: 2 } });
  });

  it("finds nothing left to remove when run again", async () => {
    await applyRetention(db, w.orgs.a, NOW);
    const again = await previewRetention(db, w.orgs.a, NOW);
    expect([again.activity.count, again.audit.count, again.agentIo.count]).toEqual([0, 0, 0]);
  });

  it("writes no audit row when a scheduled run removed nothing", async () => {
    await applyRetention(db, w.orgs.a, NOW);
    const before = await db.auditLog.count({ where: { organizationId: w.orgs.a, action: "retention.applied" } });
    await applyRetention(db, w.orgs.a, NOW);
    expect(await db.auditLog.count({ where: { organizationId: w.orgs.a, action: "retention.applied" } })).toBe(before);
  });

  it("keeps a kind forever when its period is null", async () => {
    await periods("a", { activity: null, audit: null, agentIo: null });
    const result = await applyRetention(db, w.orgs.a, NOW);
    expect(result).toEqual({
      activity: { cutoff: null, count: 0 },
      audit: { cutoff: null, count: 0 },
      agentIo: { cutoff: null, count: 0 },
    });
    expect(await activityTypes("a")).toHaveLength(3);
    expect(await agedAuditActions("a")).toHaveLength(3);
    expect((await executions("a")).every((e) => e.output !== null)).toBe(true);
  });

  it("touches only the organization it is applied to", async () => {
    await applyRetention(db, w.orgs.a, NOW);
    expect(await activityTypes("b")).toHaveLength(3);
    expect(await agedAuditActions("b")).toHaveLength(3);
    expect((await executions("b")).every((e) => e.output !== null)).toBe(true);
  });

  it("applies each organization's own periods when run for all of them", async () => {
    await periods("b", { activity: 50, audit: null, agentIo: null });
    const results = await applyRetentionAll(db, NOW);
    expect(results[w.orgs.a]?.activity.count).toBe(1);
    expect(results[w.orgs.b]).toMatchObject({ activity: { count: 2 }, audit: { count: 0 }, agentIo: { count: 0 } });
    expect(await activityTypes("b")).toEqual(["seen-10"]);
  });
});

describe("through a service context", () => {
  it("previews and runs for the actor's organization only, as of now", async () => {
    const svc = w.svc(await w.actor("b", "ADMIN"));
    const organizationId = w.orgs.b;
    await db.activityEvent.deleteMany({ where: { organizationId } });
    const realDaysAgo = (days: number) => new Date(Date.now() - days * 86_400_000);
    await db.activityEvent.create({ data: { organizationId, type: "recent", createdAt: realDaysAgo(10) } });
    await db.activityEvent.create({ data: { organizationId, type: "old", createdAt: realDaysAgo(100) } });
    await periods("b", { activity: 50, audit: null, agentIo: null });
    expect((await retentionPreview(svc)).activity.count).toBe(1);
    expect((await retentionRun(svc)).activity.count).toBe(1);
    expect(await activityTypes("b")).toEqual(["recent"]);
    expect(await activityTypes("a")).toHaveLength(3);
  });

  it("audits an admin's run as theirs", async () => {
    const actor = await w.actor("a", "ADMIN");
    await retentionRun(w.svc(actor));
    const row = await db.auditLog.findFirstOrThrow({
      where: { organizationId: w.orgs.a, action: "retention.applied" },
      orderBy: { createdAt: "desc" },
    });
    expect(row).toMatchObject({ actorId: actor.userId, targetId: w.orgs.a, metadata: { manual: true } });
  });
});
