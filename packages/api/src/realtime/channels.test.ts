// Who may subscribe to which realtime channel (the decision behind POST /api/pusher/auth).

import { type Actor, authorizeChannel, loadActor } from "@toolboxai/core";
import type { Role } from "@toolboxai/db";
import { channels } from "@toolboxai/validators";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createWorld, ROLES, type World } from "../testing";

let w: World;
let classId: string;
let archivedClassId: string;
let otherTeacher: Actor;
let unenrolledStudent: Actor;

beforeAll(async () => {
  w = await createWorld();
  const teacher = w.caller(await w.actor("a", "TEACHER"));
  const cls = await teacher.classes.create({ name: "Bio", subject: "Science", gradeLevel: "7" });
  classId = cls.id;
  await w.caller(await w.actor("a", "STUDENT")).classes.join({ code: cls.joinCode ?? "" });
  const archived = await teacher.classes.create({ name: "Old Bio", subject: "Science", gradeLevel: "7" });
  archivedClassId = archived.id;
  await w.caller(await w.actor("a", "STUDENT")).classes.join({ code: archived.joinCode ?? "" });
  await teacher.classes.archive({ classId: archived.id });
  const extra = async (role: Role, email: string) => {
    const u = await w.t.db.user.create({
      data: { organizationId: w.orgs.a, email, name: `Extra ${role}`, role, passwordHash: "x" },
    });
    return (await loadActor(w.t.db, u.id)) as Actor;
  };
  otherTeacher = await extra("TEACHER", "teacher2@a.test");
  unenrolledStudent = await extra("STUDENT", "student2@a.test");
});
afterAll(() => w.t.close());

async function decide(actor: Actor, channel: string) {
  return authorizeChannel({ db: w.scoped(actor.orgId === w.orgs.a ? "a" : "b"), actor }, channel);
}
async function allowed(actor: Actor, channel: string) {
  return (await decide(actor, channel)).allowed;
}
const as = (org: "a" | "b", role: Role) => w.actor(org, role);

describe("private-user-{id}", () => {
  it("is allowed to that user, whatever their role", async () => {
    for (const role of ROLES) {
      const actor = await as("a", role);
      expect(await decide(actor, channels.user(actor.userId))).toEqual({ allowed: true });
    }
  });

  it("is refused to another user of the same organization, admins included", async () => {
    const student = await as("a", "STUDENT");
    for (const role of ["ADMIN", "TEACHER", "PARENT"] as const) {
      expect(await allowed(await as("a", role), channels.user(student.userId))).toBe(false);
    }
  });

  it("is refused to a user of another organization", async () => {
    const teacherA = await as("a", "TEACHER");
    expect(await allowed(await as("b", "ADMIN"), channels.user(teacherA.userId))).toBe(false);
  });
});

describe("private-org-{org}-dashboard", () => {
  it("is allowed to every member of the organization", async () => {
    for (const role of ROLES) expect(await allowed(await as("a", role), channels.orgDashboard(w.orgs.a))).toBe(true);
  });

  it("is refused to every member of another organization", async () => {
    for (const role of ROLES) expect(await allowed(await as("b", role), channels.orgDashboard(w.orgs.a))).toBe(false);
  });
});

describe.each([
  ["content-generation", channels.orgContentGeneration],
  ["agent-status", channels.orgAgentStatus],
] as const)("private-org-{org}-%s", (_topic, channel) => {
  it("is allowed to the organization's teachers and admins", async () => {
    expect(await allowed(await as("a", "TEACHER"), channel(w.orgs.a))).toBe(true);
    expect(await allowed(await as("a", "ADMIN"), channel(w.orgs.a))).toBe(true);
  });

  it("is refused to its students and parents", async () => {
    expect(await decide(await as("a", "STUDENT"), channel(w.orgs.a))).toMatchObject({ allowed: false });
    expect(await decide(await as("a", "PARENT"), channel(w.orgs.a))).toMatchObject({ allowed: false });
  });

  it("is refused to another organization's teachers and admins", async () => {
    expect(await allowed(await as("b", "TEACHER"), channel(w.orgs.a))).toBe(false);
    expect(await allowed(await as("b", "ADMIN"), channel(w.orgs.a))).toBe(false);
  });
});

describe("presence-class-{classId}", () => {
  it("is allowed to the class's teacher, who appears by name and role", async () => {
    const teacher = await as("a", "TEACHER");
    expect(await decide(teacher, channels.classPresence(classId))).toEqual({
      allowed: true,
      presence: { user_id: teacher.userId, user_info: { name: teacher.name, role: "TEACHER" } },
    });
  });

  it("is allowed to an enrolled student", async () => {
    const student = await as("a", "STUDENT");
    expect(await decide(student, channels.classPresence(classId))).toMatchObject({
      allowed: true,
      presence: { user_id: student.userId, user_info: { role: "STUDENT" } },
    });
  });

  it("is allowed to an admin of the class's organization", async () => {
    expect(await allowed(await as("a", "ADMIN"), channels.classPresence(classId))).toBe(true);
  });

  it("is refused to a student who is not enrolled", async () => {
    expect(await allowed(unenrolledStudent, channels.classPresence(classId))).toBe(false);
  });

  it("is refused to another teacher of the organization", async () => {
    expect(await allowed(otherTeacher, channels.classPresence(classId))).toBe(false);
  });

  it("is refused to a parent", async () => {
    expect(await allowed(await as("a", "PARENT"), channels.classPresence(classId))).toBe(false);
  });

  it("is refused to another organization's admin: the class is not found", async () => {
    expect(await decide(await as("b", "ADMIN"), channels.classPresence(classId))).toEqual({
      allowed: false,
      reason: "Class not found.",
    });
  });

  it("is refused to an enrolled student once the class is archived, and still allowed to its teacher", async () => {
    expect(await allowed(await as("a", "STUDENT"), channels.classPresence(archivedClassId))).toBe(false);
    expect(await allowed(await as("a", "TEACHER"), channels.classPresence(archivedClassId))).toBe(true);
  });
});

describe("any other channel", () => {
  it.each([
    "public-updates",
    "private-anything",
    "presence-everyone",
    "private-encrypted-user-abc",
    "private-org-abc-unknown-topic",
    "private-user-",
    "private-user-ABC",
    "private-user-abc-extra",
  ])("%s is refused, even to an admin", async (name) => {
    expect(await decide(await as("a", "ADMIN"), name)).toMatchObject({ allowed: false });
  });

  it("a channel naming the actor's own id with a suffix is refused", async () => {
    const admin = await as("a", "ADMIN");
    expect(await allowed(admin, `${channels.user(admin.userId)}x-`)).toBe(false);
    expect(await allowed(admin, `${channels.orgDashboard(admin.orgId)}-extra`)).toBe(false);
  });
});
