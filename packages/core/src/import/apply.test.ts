// Applying a plan reports its progress after every batch, so the job's progress bar moves.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDomainWorld, type DomainWorld } from "../testing";
import { applyPlan, IMPORT_BATCH_SIZE } from "./apply";
import { readOneRoster } from "./oneroster";
import { sampleDistrict } from "./sample-district";
import { loadOrgState } from "./state";
import { planImport } from "./validate";

let w: DomainWorld;
beforeAll(async () => {
  w = await createDomainWorld();
});
afterAll(() => w.t.close());

describe("applyPlan", () => {
  it("reports progress after each batch, rising to the total", async () => {
    const ctx = w.svc(await w.actor("a", "ADMIN"));
    const files = new Map(Object.entries(sampleDistrict({ clean: true, students: 60 }).files));
    const plan = planImport(readOneRoster(files), await loadOrgState(ctx));
    const calls: [number, number][] = [];
    await applyPlan(ctx, plan, async (done, total) => {
      calls.push([done, total]);
    });
    const total = 3 + (1 + 12 + 60 + 60) + 12 + 120 + 60;
    expect(calls.length).toBeGreaterThanOrEqual(Math.ceil(total / IMPORT_BATCH_SIZE));
    expect(calls.every(([, t]) => t === total)).toBe(true);
    const done = calls.map(([d]) => d);
    expect(done).toEqual([...done].sort((x, y) => x - y));
    expect(done.at(-1)).toBe(total);
  });
});
