// The OneRoster 1.1 import of a sample district (written by sampleDistrict): the dry run lists
// every error row and writes nothing, the real import creates the district's schools, classes,
// people, enrollments and parent links, a re-import updates them in place, and another
// organization's same sourcedIds are its own.
import type { ImportJobView } from "@toolboxai/validators";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { authenticate } from "../auth/sign-in";
import { createDomainWorld, type DomainWorld, domainErrorOf } from "../testing";
import { getImport, importSettled, startImport } from "./jobs";
import { type SampleDistrict, sampleDistrict, zipBase64 } from "./sample-district";

let w: DomainWorld;
beforeAll(async () => {
  w = await createDomainWorld();
});
afterAll(() => w.t.close());

const admin = async (org: "a" | "b" = "a") => w.svc(await w.actor(org, "ADMIN"));

/** Starts an import of `district` as org's admin and waits for the job to finish. */
async function importDistrict(district: SampleDistrict, opts: { dryRun: boolean; org?: "a" | "b" }) {
  const ctx = await admin(opts.org);
  const started = await startImport(ctx, {
    format: "oneroster",
    dryRun: opts.dryRun,
    fileName: "district.zip",
    encoding: "base64",
    content: district.zipBase64(),
  });
  await importSettled(started.id);
  return { started, job: await getImport(ctx, { jobId: started.id }) };
}

/** What the organization holds that an import writes. */
async function counts(org: "a" | "b") {
  const db = w.scoped(org);
  const byRole = await db.user.groupBy({ by: ["role"], where: { sourcedId: { not: null } }, _count: true });
  return {
    people: Object.fromEntries(byRole.map((r) => [r.role, r._count])),
    schools: await db.school.count(),
    classes: await db.class.count({ where: { sourcedId: { not: null } } }),
    enrollments: await db.enrollment.count(),
    parentLinks: await db.parentStudentLink.count({ where: { parent: { sourcedId: { not: null } } } }),
  };
}

const district = sampleDistrict();
let real: ImportJobView;

describe("a dry run", () => {
  let job: ImportJobView;
  beforeAll(async () => {
    ({ job } = await importDistrict(district, { dryRun: true }));
  });

  it("finishes with every row processed", () => {
    expect(job.status).toBe("SUCCEEDED");
    expect(job.dryRun).toBe(true);
    const rows = Object.values(district.files).reduce((n, text) => n + text.trim().split("\n").length - 1, 0);
    expect(job.total).toBe(rows);
    expect(job.processed).toBe(rows);
  });

  it("lists the problem of every error row, with its file, row and column", () => {
    expect(job.problems.map(({ file, row, field }) => ({ file, row, field }))).toEqual(district.errors);
    expect(job.problemCount).toBe(district.errors.length);
  });

  it("says what each problem is", () => {
    const messages = job.problems.map((p) => p.message);
    expect(messages).toEqual([
      "Missing email",
      expect.stringContaining('Unknown role "janitor"'),
      expect.stringContaining('Duplicate sourcedId "stu-001"'),
      'The student "stu-noemail" is skipped (see their row\'s problem)',
      expect.stringContaining('Unknown class "cls-missing"'),
    ]);
  });

  it("says what the import would do", () => {
    expect(job.summary?.users).toEqual({ created: 413, updated: 0, unchanged: 0, removed: 0, skipped: 3 });
    expect(job.summary?.schools).toMatchObject({ created: 3, skipped: 1 });
    expect(job.summary?.classes).toMatchObject({ created: 12, skipped: 0 });
    expect(job.summary?.enrollments).toMatchObject({ created: 600, skipped: 2 });
    expect(job.summary?.parentLinks).toMatchObject({ created: 100, skipped: 0 });
  });

  it("writes nothing", async () => {
    expect(await counts("a")).toEqual({ people: {}, schools: 0, classes: 0, enrollments: 0, parentLinks: 0 });
    expect(await w.scoped("a").auditLog.count({ where: { action: "import.completed" } })).toBe(0);
  });
});

describe("the real import", () => {
  beforeAll(async () => {
    ({ job: real } = await importDistrict(district, { dryRun: false }));
  }, 120_000);

  it("creates the district's people, schools, classes, enrollments and parent links", async () => {
    expect(real.status).toBe("SUCCEEDED");
    expect(await counts("a")).toEqual({
      people: { ADMIN: 1, TEACHER: 12, STUDENT: 300, PARENT: 100 },
      schools: 3,
      classes: 12,
      enrollments: 600,
      parentLinks: 100,
    });
    expect(real.processed).toBe(real.total);
  });

  it("skips the error rows and reports them as the dry run did", () => {
    expect(real.problems.map(({ file, row, field }) => ({ file, row, field }))).toEqual(district.errors);
    expect(real.summary?.users).toMatchObject({ created: 413, skipped: 3 });
  });

  it("puts each class in its school, with its teacher and grade", async () => {
    const cls = await w.scoped("a").class.findFirstOrThrow({
      where: { sourcedId: "cls-2-3" },
      include: { school: true, teacher: true, _count: { select: { enrollments: true } } },
    });
    expect(cls).toMatchObject({ name: "Class 2.3", subject: "Science", gradeLevel: "8" });
    expect(cls.school).toMatchObject({ sourcedId: "sch-2", name: "School 2" });
    expect(cls.teacher).toMatchObject({ sourcedId: "tch-07", role: "TEACHER" });
    expect(cls._count.enrollments).toBe(50);
  });

  it("links each parent to their child", async () => {
    const link = await w.scoped("a").parentStudentLink.findFirstOrThrow({
      where: { student: { sourcedId: "stu-042" } },
      include: { parent: true },
    });
    expect(link.parent).toMatchObject({ sourcedId: "par-042", email: "parent42@district.example", role: "PARENT" });
  });

  it("gives new people no usable password: they sign in after a set-password link", async () => {
    const student = await w.scoped("a").user.findFirstOrThrow({ where: { sourcedId: "stu-001" } });
    expect(student.passwordHash).not.toBe("");
    expect(student.mustChangePassword).toBe(false);
    expect(await authenticate({ db: w.t.db }, { email: student.email, password: "" })).toBeNull();
  });

  it("audits the import with its counts", async () => {
    const audit = await w.scoped("a").auditLog.findFirstOrThrow({ where: { action: "import.completed" } });
    expect(audit).toMatchObject({ targetType: "ImportJob", targetId: real.id });
    expect(audit.metadata).toMatchObject({
      format: "oneroster",
      problems: district.errors.length,
      users: { created: 413, skipped: 3 },
    });
  });
});

describe("a re-import", () => {
  it("with nothing changed leaves everyone as they are", async () => {
    const { job } = await importDistrict(district, { dryRun: false });
    expect(job.summary?.users).toMatchObject({ created: 0, updated: 0, unchanged: 413 });
    expect(job.summary?.classes).toMatchObject({ created: 0, updated: 0, unchanged: 12 });
    expect(job.summary?.enrollments).toMatchObject({ created: 0, unchanged: 600 });
    expect(job.summary?.parentLinks).toMatchObject({ created: 0, unchanged: 100 });
  }, 120_000);

  it("with changed names updates the same people and classes instead of duplicating them", async () => {
    const before = await w.scoped("a").user.findFirstOrThrow({ where: { sourcedId: "stu-007" } });
    const { job } = await importDistrict(sampleDistrict({ nameSuffix: " Jr" }), { dryRun: false });
    expect(job.summary?.users).toMatchObject({ created: 0, updated: 413 });
    expect(job.summary?.classes).toMatchObject({ created: 0, updated: 12 });
    expect(job.summary?.schools).toMatchObject({ created: 0, updated: 3 });
    expect(await counts("a")).toEqual({
      people: { ADMIN: 1, TEACHER: 12, STUDENT: 300, PARENT: 100 },
      schools: 3,
      classes: 12,
      enrollments: 600,
      parentLinks: 100,
    });
    const after = await w.scoped("a").user.findFirstOrThrow({ where: { sourcedId: "stu-007" } });
    expect(after).toMatchObject({ id: before.id, name: "Student S7 Jr" });
    expect(await w.scoped("a").class.findFirstOrThrow({ where: { sourcedId: "cls-1-1" } })).toMatchObject({
      name: "Class 1.1 Jr",
    });
  }, 120_000);

  it("deactivates a person, archives a class and removes an enrollment marked tobedeleted", async () => {
    const files = sampleDistrict({ clean: true, nameSuffix: " Jr" }).files;
    const users = files["users.csv"].replace(/^stu-300,active,/m, "stu-300,tobedeleted,");
    const classes = files["classes.csv"].replace(/^cls-3-4,active,/m, "cls-3-4,tobedeleted,");
    const enrollments = files["enrollments.csv"].replace(/^enr-stu-001-0,active,/m, "enr-stu-001-0,tobedeleted,");
    const ctx = await admin();
    const started = await startImport(ctx, {
      format: "oneroster",
      dryRun: false,
      fileName: "district.zip",
      encoding: "base64",
      content: zipBase64({ ...files, "users.csv": users, "classes.csv": classes, "enrollments.csv": enrollments }),
    });
    await importSettled(started.id);
    const job = await getImport(ctx, { jobId: started.id });
    expect(job.problems).toEqual([]);
    expect(job.summary?.users).toMatchObject({ removed: 1 });
    expect(job.summary?.classes).toMatchObject({ removed: 1 });
    expect(job.summary?.enrollments).toMatchObject({ removed: 1 });
    const db = w.scoped("a");
    expect(await db.user.findFirstOrThrow({ where: { sourcedId: "stu-300" } })).toMatchObject({ active: false });
    expect((await db.class.findFirstOrThrow({ where: { sourcedId: "cls-3-4" } })).archivedAt).not.toBeNull();
    expect(
      await db.enrollment.count({ where: { student: { sourcedId: "stu-001" }, class: { sourcedId: "cls-2-2" } } }),
    ).toBe(0);
  }, 120_000);
});

describe("organization isolation", () => {
  it("imports the same sourcedIds into another organization as its own people", async () => {
    const { job } = await importDistrict(sampleDistrict({ clean: true, students: 20 }), { dryRun: false, org: "b" });
    expect(job.summary?.users).toMatchObject({ created: 1 + 12 + 20 + 20, updated: 0 });
    const inB = await w.scoped("b").user.findFirstOrThrow({ where: { sourcedId: "stu-001" } });
    const inA = await w.scoped("a").user.findFirstOrThrow({ where: { sourcedId: "stu-001" } });
    expect(inB.id).not.toBe(inA.id);
    expect(inA.name).toBe("Student S1 Jr");
    expect((await counts("a")).people).toEqual({ ADMIN: 1, TEACHER: 12, STUDENT: 300, PARENT: 100 });
  }, 120_000);

  it("does not show one organization's import to another's admin", async () => {
    const error = await domainErrorOf(getImport(await admin("b"), { jobId: real.id }));
    expect(error.code).toBe("NOT_FOUND");
  });
});

describe("refusals", () => {
  it("refuses a zip without users.csv in the job's problems", async () => {
    const ctx = await admin();
    const started = await startImport(ctx, {
      format: "oneroster",
      dryRun: true,
      fileName: "partial.zip",
      encoding: "base64",
      content: zipBase64({ "orgs.csv": district.files["orgs.csv"] }),
    });
    await importSettled(started.id);
    const job = await getImport(ctx, { jobId: started.id });
    expect(job.problems).toEqual([
      { file: "users.csv", row: 1, field: null, message: expect.stringContaining("The upload has no users.csv") },
    ]);
  });

  it("takes a users.csv alone (not zipped): the people, without classes", async () => {
    const ctx = await admin("b");
    const started = await startImport(ctx, {
      format: "oneroster",
      dryRun: true,
      fileName: "users.csv",
      encoding: "text",
      content: sampleDistrict({ clean: true, students: 5 }).files["users.csv"],
    });
    await importSettled(started.id);
    const job = await getImport(ctx, { jobId: started.id });
    expect(job.problems).toEqual([]);
    // Everyone is already in org b (the isolation test imported them); nothing is new.
    expect(job.summary?.users).toMatchObject({ created: 0, unchanged: 1 + 12 + 5 + 5 });
    expect(job.summary?.classes).toMatchObject({ created: 0 });
  });

  it("refuses a broken zip at once", async () => {
    const broken = Buffer.from("PK\u0003\u0004 not really a zip").toString("base64");
    const error = await domainErrorOf(
      startImport(await admin(), {
        format: "oneroster",
        dryRun: true,
        fileName: "x.zip",
        encoding: "base64",
        content: broken,
      }),
    );
    expect(error.fieldErrors.content).toEqual(["The zip can't be opened."]);
  });

  it("reports an email outside the organization's allowed domains and one used by another person", async () => {
    await w.t.db.organization.update({
      where: { id: w.orgs.a },
      data: { allowedEmailDomains: ["district.example", "a.test"] },
    });
    try {
      const files = sampleDistrict({ clean: true, nameSuffix: " Jr" }).files;
      const users = files["users.csv"]
        .replace("student5@district.example", "student5@elsewhere.example")
        .replace("student6@district.example", "student7@district.example")
        .replace(/\nstu-007,.*\n/, "\n");
      const ctx = await admin();
      const started = await startImport(ctx, {
        format: "oneroster",
        dryRun: true,
        fileName: "district.zip",
        encoding: "base64",
        content: zipBase64({ ...files, "users.csv": users }),
      });
      await importSettled(started.id);
      const job = await getImport(ctx, { jobId: started.id });
      const userProblems = job.problems.filter((p) => p.field === "email");
      expect(userProblems).toEqual([
        expect.objectContaining({
          field: "email",
          message: expect.stringContaining("outside your organization's allowed email domains"),
        }),
        expect.objectContaining({
          field: "email",
          message: expect.stringContaining("is used by another person (Student S7 Jr"),
        }),
      ]);
    } finally {
      await w.t.db.organization.update({ where: { id: w.orgs.a }, data: { allowedEmailDomains: [] } });
    }
  });
});
