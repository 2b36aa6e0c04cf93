// What an import refuses because the Users and Data protection pages guard it: a person whose
// erasure is pending (no reactivation, no enrollments or parent links), role changes to or from
// admin, an admin's email change, and the file's password for a new admin.
import type { Role } from "@toolboxai/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { authenticate } from "../auth/sign-in";
import { generateJoinCode } from "../classes/classes";
import { requestErasure } from "../privacy/erasure";
import { createDomainWorld, type DomainWorld } from "../testing";
import { applyPlan } from "./apply";
import { emptyInput, type ImportInput, type UserIn } from "./model";
import { loadOrgState } from "./state";
import { planImport } from "./validate";

let w: DomainWorld;
beforeAll(async () => {
  w = await createDomainWorld();
});
afterAll(() => w.t.close());

const admin = async () => w.svc(await w.actor("a", "ADMIN"));
let rowNo = 1;

function userRow(fields: Partial<UserIn> & { sourcedId: string; email: string; role: Role }): UserIn {
  rowNo += 1;
  return {
    file: "users.csv",
    row: rowNo,
    key: fields.sourcedId,
    name: fields.name ?? `Person ${fields.sourcedId}`,
    password: null,
    active: true,
    remove: false,
    ...fields,
  };
}

function oneRoster(users: UserIn[], extra: Partial<ImportInput> = {}): ImportInput {
  return { ...emptyInput("oneroster"), users, rowCount: users.length, ...extra };
}

/** Gives an existing person of org a a sourcedId, so a OneRoster file matches them. */
async function keyed(id: string, sourcedId: string) {
  await w.scoped("a").user.update({ where: { id }, data: { sourcedId } });
}

describe("a person whose erasure is pending", () => {
  let studentId: string;
  let studentEmail: string;
  let classSourcedId: string;
  beforeAll(async () => {
    const student = await w.newActor("a", "STUDENT", "Erin Erased");
    studentId = student.userId;
    studentEmail = student.email;
    await keyed(studentId, "stu-erase");
    classSourcedId = "cls-erase";
    await w.scoped("a").class.create({
      data: {
        organizationId: w.orgs.a,
        sourcedId: classSourcedId,
        teacherId: w.users.a.TEACHER.id,
        name: "Erasure Class",
        subject: "Math",
        gradeLevel: "7",
        joinCode: generateJoinCode(),
      },
    });
    await requestErasure(await admin(), { userId: studentId, reason: "Parent's request" });
  });

  it("is loaded with the organization's state", async () => {
    const state = await loadOrgState(await admin());
    expect(state.erasurePending.has(studentId)).toBe(true);
    expect(state.erasurePending.has(w.users.a.STUDENT.id)).toBe(false);
  });

  it("is not reactivated, enrolled or linked by an import", async () => {
    const ctx = await admin();
    const student = userRow({ sourcedId: "stu-erase", email: studentEmail, role: "STUDENT", active: true });
    const parent = userRow({ sourcedId: "par-erase", email: "par-erase@a.test", role: "PARENT" });
    const enrollment = {
      file: "enrollments.csv",
      row: 2,
      classRef: classSourcedId,
      classBy: "sourcedId" as const,
      userKey: "stu-erase",
      role: "student" as const,
      primary: false,
      remove: false,
      classField: "classSourcedId",
      userField: "userSourcedId",
    };
    const input = oneRoster([student, parent], {
      enrollments: [enrollment],
      parentLinks: [
        {
          file: "users.csv",
          row: parent.row,
          parentKey: "par-erase",
          studentKey: "stu-erase",
          field: "agentSourcedIds",
          from: "parent",
        },
      ],
    });
    const plan = planImport(input, await loadOrgState(ctx));
    expect(plan.problems).toEqual([
      {
        file: "users.csv",
        row: student.row,
        field: "sourcedId",
        message: "This person's erasure is pending; undo it on the Data protection page first.",
      },
      expect.objectContaining({ file: "users.csv", row: parent.row, field: "agentSourcedIds" }),
      expect.objectContaining({ file: "enrollments.csv", row: 2, field: "userSourcedId" }),
    ]);
    expect(plan.users.map((u) => u.row.key)).toEqual(["par-erase"]);
    expect(plan.enrollments).toEqual([]);
    expect(plan.parentLinks).toEqual([]);
    expect(plan.summary.users.skipped).toBe(1);
    expect(plan.summary.enrollments.skipped).toBe(1);
    expect(plan.summary.parentLinks.skipped).toBe(1);

    await applyPlan(ctx, plan, async () => {});
    const after = await w.scoped("a").user.findUniqueOrThrow({ where: { id: studentId } });
    expect(after.active).toBe(false);
    expect(await w.scoped("a").enrollment.count({ where: { studentId } })).toBe(0);
  });

  it("is not enrolled by a file that only names them in enrollments.csv", async () => {
    const input = oneRoster([], {
      enrollments: [
        {
          file: "enrollments.csv",
          row: 2,
          classRef: classSourcedId,
          classBy: "sourcedId",
          userKey: "stu-erase",
          role: "student",
          primary: false,
          remove: false,
          classField: "classSourcedId",
          userField: "userSourcedId",
        },
      ],
    });
    const plan = planImport(input, await loadOrgState(await admin()));
    expect(plan.enrollments).toEqual([]);
    expect(plan.problems).toEqual([
      expect.objectContaining({
        field: "userSourcedId",
        message: expect.stringContaining("erasure is pending; undo it on the Data protection page first"),
      }),
    ]);
  });

  it("is refused on a row marking them tobedeleted too", async () => {
    const row = userRow({ sourcedId: "stu-erase", email: "x@a.test", role: "STUDENT", remove: true });
    const plan = planImport(oneRoster([row]), await loadOrgState(await admin()));
    expect(plan.users).toEqual([]);
    expect(plan.problems).toEqual([
      expect.objectContaining({ row: row.row, message: expect.stringContaining("erasure is pending") }),
    ]);
  });
});

describe("admins", () => {
  let adminId: string;
  beforeAll(async () => {
    const other = await w.newActor("a", "ADMIN", "Ada Admin");
    adminId = other.userId;
    await keyed(adminId, "adm-1");
    await keyed(w.users.a.TEACHER.id, "tch-1");
  });
  const adminRow = async (fields: Partial<Omit<UserIn, "sourcedId">> = {}) => {
    const u = await w.scoped("a").user.findUniqueOrThrow({ where: { id: adminId } });
    return userRow({ sourcedId: "adm-1", email: u.email, name: u.name, role: "ADMIN", ...fields });
  };

  it("keeps an admin's email: an import can't send their reset links elsewhere", async () => {
    const row = await adminRow({ email: "attacker@a.test" });
    const plan = planImport(oneRoster([row]), await loadOrgState(await admin()));
    expect(plan.users).toEqual([]);
    expect(plan.problems).toEqual([
      expect.objectContaining({ row: row.row, field: "email", message: expect.stringContaining("is an admin") }),
    ]);
  });

  it("doesn't reactivate a deactivated admin", async () => {
    await w.scoped("a").user.update({ where: { id: adminId }, data: { active: false } });
    try {
      const row = await adminRow({ active: true });
      const plan = planImport(oneRoster([row]), await loadOrgState(await admin()));
      expect(plan.users).toEqual([]);
      expect(plan.problems).toEqual([
        expect.objectContaining({ row: row.row, field: "enabledUser", message: expect.stringContaining("reactivate") }),
      ]);
    } finally {
      await w.scoped("a").user.update({ where: { id: adminId }, data: { active: true } });
    }
  });

  it("keeps an admin an admin: an import can't demote one", async () => {
    const row = await adminRow({ role: "TEACHER" });
    const plan = planImport(oneRoster([row]), await loadOrgState(await admin()));
    expect(plan.users).toEqual([]);
    expect(plan.problems).toEqual([
      expect.objectContaining({
        row: row.row,
        field: "role",
        message: expect.stringContaining("Change admin roles on the Users page."),
      }),
    ]);
  });

  it("doesn't promote anyone to admin", async () => {
    const teacher = await w.scoped("a").user.findUniqueOrThrow({ where: { id: w.users.a.TEACHER.id } });
    const row = userRow({ sourcedId: "tch-1", email: teacher.email, name: teacher.name, role: "ADMIN" });
    const plan = planImport(oneRoster([row]), await loadOrgState(await admin()));
    expect(plan.users).toEqual([]);
    expect(plan.problems).toEqual([
      expect.objectContaining({
        row: row.row,
        field: "role",
        message: expect.stringContaining("Change admin roles on the Users page."),
      }),
    ]);
  });

  it("doesn't promote to admin by the simple CSV either", async () => {
    const teacher = await w.scoped("a").user.findUniqueOrThrow({ where: { id: w.users.a.TEACHER.id } });
    const row = {
      ...userRow({ sourcedId: "x", email: teacher.email, name: teacher.name, role: "ADMIN" }),
      sourcedId: null,
      key: teacher.email,
    };
    const plan = planImport({ ...emptyInput("csv"), users: [row] }, await loadOrgState(await admin()));
    expect(plan.users).toEqual([]);
    expect(plan.problems).toEqual([
      expect.objectContaining({
        field: "role",
        message: expect.stringContaining("Change admin roles on the Users page."),
      }),
    ]);
  });

  it("creates a new admin without the file's password (a set-password link is needed)", async () => {
    const ctx = await admin();
    const newAdmin = userRow({
      sourcedId: "adm-new",
      email: "adm-new@a.test",
      role: "ADMIN",
      password: "file-pass-42",
    });
    const newTeacher = userRow({
      sourcedId: "tch-new",
      email: "tch-new@a.test",
      role: "TEACHER",
      password: "file-pass-42",
    });
    const plan = planImport(oneRoster([newAdmin, newTeacher]), await loadOrgState(ctx));
    expect(plan.problems).toEqual([]);
    expect(plan.summary.users.created).toBe(2);
    await applyPlan(ctx, plan, async () => {});
    const created = await w.scoped("a").user.findFirstOrThrow({ where: { email: "adm-new@a.test" } });
    expect(created).toMatchObject({ role: "ADMIN", mustChangePassword: false });
    expect(await authenticate({ db: w.t.db }, { email: "adm-new@a.test", password: "file-pass-42" })).toBeNull();
    // A teacher's first password from the file still works.
    expect(await authenticate({ db: w.t.db }, { email: "tch-new@a.test", password: "file-pass-42" })).not.toBeNull();
  });
});
