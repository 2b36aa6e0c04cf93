// The simple CSV import: name,email,role[,password][,class][,parentEmail], keyed by email.

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { authenticate } from "../auth/sign-in";
import { generateJoinCode } from "../classes/classes";
import { createDomainWorld, type DomainWorld } from "../testing";
import { getImport, importSettled, startImport } from "./jobs";

let w: DomainWorld;
beforeAll(async () => {
  w = await createDomainWorld();
  await w.scoped("a").class.create({
    data: {
      organizationId: w.orgs.a,
      teacherId: w.users.a.TEACHER.id,
      name: "Period 3 Science",
      subject: "Science",
      gradeLevel: "7",
      joinCode: generateJoinCode(),
    },
  });
});
afterAll(() => w.t.close());

async function importCsv(content: string, dryRun: boolean) {
  const ctx = w.svc(await w.actor("a", "ADMIN"));
  const started = await startImport(ctx, { format: "csv", dryRun, fileName: "people.csv", encoding: "text", content });
  await importSettled(started.id);
  return getImport(ctx, { jobId: started.id });
}

const FILE = [
  "Name,Email,Role,Password,Class,ParentEmail",
  "Maya Lopez,Maya.Lopez@a.test,student,,Period 3 Science,rosa.lopez@a.test",
  "Rosa Lopez,rosa.lopez@a.test,guardian,,,",
  "Tom Teacher,tom@a.test,Teacher,first-pass-42,,",
  ",nameless@a.test,student,,,",
  "Bad Role,badrole@a.test,principal,,,",
  "Lost Student,lost@a.test,student,,Period 9 Nowhere,",
  "Copy Maya,maya.lopez@a.test,student,,,",
].join("\n");

describe("a simple CSV", () => {
  it("dry run: lists each bad row's problem and writes nothing", async () => {
    const job = await importCsv(FILE, true);
    expect(job.problems).toEqual([
      { file: "people.csv", row: 5, field: "name", message: "Missing name" },
      { file: "people.csv", row: 6, field: "role", message: expect.stringContaining('Unknown role "principal"') },
      {
        file: "people.csv",
        row: 7,
        field: "class",
        message: 'Unknown class "Period 9 Nowhere": no open class has that name',
      },
      { file: "people.csv", row: 8, field: "email", message: expect.stringContaining("is also on row 2") },
    ]);
    expect(await w.scoped("a").user.count({ where: { email: "tom@a.test" } })).toBe(0);
  });

  it("real run: creates the good rows, enrolls the student and links the guardian", async () => {
    const job = await importCsv(FILE, false);
    expect(job.summary?.users).toMatchObject({ created: 4, skipped: 3 });
    expect(job.summary?.enrollments).toMatchObject({ created: 1, skipped: 1 });
    expect(job.summary?.parentLinks).toMatchObject({ created: 1 });
    const maya = await w.scoped("a").user.findFirstOrThrow({
      where: { email: "maya.lopez@a.test" },
      include: { enrollments: { include: { class: true } }, parents: { include: { parent: true } } },
    });
    expect(maya.role).toBe("STUDENT");
    expect(maya.enrollments.map((e) => e.class.name)).toEqual(["Period 3 Science"]);
    expect(maya.parents.map((l) => l.parent.email)).toEqual(["rosa.lopez@a.test"]);
    expect(await w.scoped("a").user.findFirstOrThrow({ where: { email: "lost@a.test" } })).toMatchObject({
      name: "Lost Student",
    });
  });

  it("a password in the file signs in once and must then be changed", async () => {
    const tom = await w.scoped("a").user.findFirstOrThrow({ where: { email: "tom@a.test" } });
    expect(tom.mustChangePassword).toBe(true);
    expect(await authenticate({ db: w.t.db }, { email: "tom@a.test", password: "first-pass-42" })).not.toBeNull();
  });

  it("a re-import finds people by email and updates their names", async () => {
    const job = await importCsv(
      "name,email,role\nMaya L. Lopez,maya.lopez@a.test,student\nRosa Lopez,rosa.lopez@a.test,parent\n",
      false,
    );
    expect(job.summary?.users).toEqual({ created: 0, updated: 1, unchanged: 1, removed: 0, skipped: 0 });
    expect(await w.scoped("a").user.count({ where: { email: "maya.lopez@a.test" } })).toBe(1);
    expect((await w.scoped("a").user.findFirstOrThrow({ where: { email: "maya.lopez@a.test" } })).name).toBe(
      "Maya L. Lopez",
    );
  });

  it("refuses to change an existing person's role", async () => {
    const job = await importCsv("name,email,role\nRosa Lopez,rosa.lopez@a.test,teacher\n", true);
    expect(job.problems).toEqual([
      { file: "people.csv", row: 2, field: "role", message: expect.stringContaining("is already a parent") },
    ]);
  });

  it("reports a header without the required columns", async () => {
    const job = await importCsv("fullname,mail\nAda,ada@a.test\n", true);
    expect(job.problems.map((p) => p.field)).toEqual(["name", "email", "role"]);
    expect(job.summary?.users.skipped).toBe(1);
  });
});
