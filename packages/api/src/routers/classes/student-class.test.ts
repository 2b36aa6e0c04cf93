// The student's class page (classes.forStudent): the class, its teacher and the student's own
// assignments in it, for enrolled students of the open class only.

import type { Actor } from "@toolboxai/core";
import { getClassForStudent } from "@toolboxai/core";
import { domainErrorOf } from "@toolboxai/core/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createWorld, errorOf, type World } from "../../testing";

let w: World;
let student: Actor;
let classmate: Actor;
let bioId: string;
let chemId: string;

/** A published item by org a's teacher, assigned to the class. */
async function assign(classId: string, type: "LESSON" | "QUIZ", title: string) {
  const db = w.scoped("a");
  const body =
    type === "LESSON"
      ? { sections: [{ id: "s1", heading: "One", markdown: "Text", media: [] }] }
      : { instructions: "", draw: null };
  const content = await db.contentItem.create({
    data: {
      organizationId: w.orgs.a,
      authorId: w.users.a.TEACHER.id,
      type,
      title,
      subject: "Science",
      gradeLevel: "7",
      body,
      status: "PUBLISHED",
    },
  });
  return w.caller(await w.actor("a", "TEACHER")).assignments.create({ classId, contentId: content.id });
}

beforeAll(async () => {
  w = await createWorld();
  const teacher = w.caller(await w.actor("a", "TEACHER"));
  const bio = await teacher.classes.create({ name: "Biology 7", subject: "Science", gradeLevel: "7" });
  const chem = await teacher.classes.create({ name: "Chemistry 7", subject: "Science", gradeLevel: "7" });
  bioId = bio.id;
  chemId = chem.id;
  student = await w.actor("a", "STUDENT");
  await w.caller(student).classes.join({ code: bio.joinCode ?? "" });
  await w.caller(student).classes.join({ code: chem.joinCode ?? "" });
  classmate = await w.newActor("a", "STUDENT", "Classmate A");
  await w.caller(classmate).classes.join({ code: chem.joinCode ?? "" });
  await assign(bioId, "LESSON", "Cells");
  await assign(bioId, "QUIZ", "Cells quiz");
  await assign(chemId, "LESSON", "Atoms");
});
afterAll(() => w.t.close());

describe("an enrolled student's class page", () => {
  it("shows the class, its teacher, and the student's assignments in that class only, with their state", async () => {
    const page = await w.caller(student).classes.forStudent({ classId: bioId });
    expect(page).toMatchObject({ id: bioId, name: "Biology 7", teacherName: "TEACHER A", studentCount: 1 });
    expect(page.assignments.map((a) => a.title).sort()).toEqual(["Cells", "Cells quiz"]);
    for (const a of page.assignments) {
      expect(a).toMatchObject({ classId: bioId, className: "Biology 7", state: "NOT_STARTED", newGrade: false });
    }
  });

  it("never carries the join code or the roster", async () => {
    const page = await w.caller(student).classes.forStudent({ classId: bioId });
    expect(page.joinCode).toBeNull();
    expect(page).not.toHaveProperty("roster");
  });

  it("follows the student's progress: a started lesson is in progress", async () => {
    const page = await w.caller(student).classes.forStudent({ classId: bioId });
    const lesson = page.assignments.find((a) => a.title === "Cells");
    await w.caller(student).assignments.openLesson({ assignmentId: lesson?.id ?? "" });
    const after = await w.caller(student).classes.forStudent({ classId: bioId });
    expect(after.assignments.find((a) => a.title === "Cells")?.state).toBe("IN_PROGRESS");
  });

  it("is empty of assignments, not an error, when nothing is assigned yet", async () => {
    const teacher = w.caller(await w.actor("a", "TEACHER"));
    const empty = await teacher.classes.create({ name: "Physics 7", subject: "Science", gradeLevel: "7" });
    await w.caller(student).classes.join({ code: empty.joinCode ?? "" });
    const page = await w.caller(student).classes.forStudent({ classId: empty.id });
    expect(page.assignments).toEqual([]);
  });
});

describe("who is refused", () => {
  it("a student of the organization who is not enrolled in the class gets NOT_FOUND", async () => {
    expect((await errorOf(w.caller(classmate).classes.forStudent({ classId: bioId }))).code).toBe("NOT_FOUND");
  });

  it("another organization's student gets NOT_FOUND", async () => {
    const outsider = w.caller(await w.actor("b", "STUDENT"));
    expect((await errorOf(outsider.classes.forStudent({ classId: bioId }))).code).toBe("NOT_FOUND");
  });

  it("an archived class is NOT_FOUND to its own students", async () => {
    const teacher = w.caller(await w.actor("a", "TEACHER"));
    const old = await teacher.classes.create({ name: "Old class", subject: "Science", gradeLevel: "7" });
    await w.caller(student).classes.join({ code: old.joinCode ?? "" });
    await teacher.classes.archive({ classId: old.id });
    expect((await errorOf(w.caller(student).classes.forStudent({ classId: old.id }))).code).toBe("NOT_FOUND");
  });

  it.each(["TEACHER", "ADMIN", "PARENT"] as const)("the router refuses a %s with FORBIDDEN", async (role) => {
    const caller = w.caller(await w.actor("a", role));
    expect((await errorOf(caller.classes.forStudent({ classId: bioId }))).code).toBe("FORBIDDEN");
  });

  it("the service itself refuses a non-student, even the class's own teacher", async () => {
    const teacher = await w.actor("a", "TEACHER");
    const error = await domainErrorOf(getClassForStudent({ db: w.scoped("a"), actor: teacher }, bioId));
    expect(error.code).toBe("FORBIDDEN");
  });

  it("unauthenticated callers get UNAUTHORIZED", async () => {
    expect((await errorOf(w.caller(null).classes.forStudent({ classId: bioId }))).code).toBe("UNAUTHORIZED");
  });
});
