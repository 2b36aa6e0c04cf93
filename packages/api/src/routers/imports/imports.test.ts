// `imports` through the caller: only admins start, read and list imports, each of their own
// organization, and a start answers at once with a job the page then polls.
import { importSettled } from "@toolboxai/core";
import type { Role } from "@toolboxai/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createWorld, errorOf, type World } from "../../testing";

let w: World;
beforeAll(async () => {
  w = await createWorld();
});
afterAll(() => w.t.close());

const CSV = "name,email,role\nMaya Lopez,maya@a.test,student\nNo Email,,student\n";
const start = (dryRun: boolean) => ({ format: "csv" as const, dryRun, fileName: "people.csv", content: CSV });

describe("imports.start", () => {
  it("answers with a queued job, then the job reports its problems and summary", async () => {
    const caller = w.caller(await w.actor("a", "ADMIN"));
    const job = await caller.imports.start(start(true));
    expect(job).toMatchObject({ format: "csv", dryRun: true, status: "QUEUED", summary: null });
    await importSettled(job.id);
    const done = await caller.imports.get({ jobId: job.id });
    expect(done).toMatchObject({ status: "SUCCEEDED", processed: 2, total: 2, problemCount: 1 });
    expect(done.problems).toEqual([{ file: "people.csv", row: 3, field: "email", message: "Missing email" }]);
    expect(done.summary?.users).toEqual({ created: 1, updated: 0, unchanged: 0, removed: 0, skipped: 1 });
  });

  it("takes a file as base64", async () => {
    const caller = w.caller(await w.actor("a", "ADMIN"));
    const job = await caller.imports.start({
      ...start(true),
      encoding: "base64",
      content: Buffer.from(CSV).toString("base64"),
    });
    await importSettled(job.id);
    expect((await caller.imports.get({ jobId: job.id })).summary?.users.created).toBe(1);
  });

  it("takes a file of a few megabytes", async () => {
    const rows = Array.from({ length: 40_000 }, (_, i) => `Student Number ${i},student.number.${i}@a.test,student`);
    const content = Buffer.from(["name,email,role", ...rows].join("\n")).toString("base64");
    expect(content.length).toBeGreaterThan(2_000_000);
    const caller = w.caller(await w.actor("a", "ADMIN"));
    const job = await caller.imports.start({ ...start(true), encoding: "base64", content });
    await importSettled(job.id);
    expect(await caller.imports.get({ jobId: job.id })).toMatchObject({ status: "SUCCEEDED", total: 40_000 });
  }, 60_000);

  it("refuses a file over the limit with a message on the file", async () => {
    const caller = w.caller(await w.actor("a", "ADMIN"));
    const error = await errorOf(caller.imports.start({ ...start(true), content: "x".repeat(7_100_000) }));
    expect(error.code).toBe("BAD_REQUEST");
    expect(error.message).toContain("larger than 5 MB");
  });

  it.each<Role>(["TEACHER", "STUDENT", "PARENT"])("is refused to a %s", async (role) => {
    const error = await errorOf(w.caller(await w.actor("a", role)).imports.start(start(true)));
    expect(error.code).toBe("FORBIDDEN");
  });
});

describe("imports.get and imports.list", () => {
  it("lists the organization's latest imports, newest first, without another organization's", async () => {
    const callerA = w.caller(await w.actor("a", "ADMIN"));
    const callerB = w.caller(await w.actor("b", "ADMIN"));
    const inB = await callerB.imports.start(start(true));
    await importSettled(inB.id);
    const listA = await callerA.imports.list({});
    expect(listA.items.length).toBeGreaterThan(0);
    expect(listA.items.map((j) => j.id)).not.toContain(inB.id);
    expect((await callerB.imports.list({})).items.map((j) => j.id)).toEqual([inB.id]);
  });

  it("answers NOT_FOUND for another organization's job", async () => {
    const inA = await w.caller(await w.actor("a", "ADMIN")).imports.start(start(true));
    await importSettled(inA.id);
    const error = await errorOf(w.caller(await w.actor("b", "ADMIN")).imports.get({ jobId: inA.id }));
    expect(error.code).toBe("NOT_FOUND");
  });

  it.each<Role>(["TEACHER", "STUDENT", "PARENT"])("are refused to a %s", async (role) => {
    const caller = w.caller(await w.actor("a", role));
    expect((await errorOf(caller.imports.list({}))).code).toBe("FORBIDDEN");
    expect((await errorOf(caller.imports.get({ jobId: "anything" }))).code).toBe("FORBIDDEN");
  });
});
