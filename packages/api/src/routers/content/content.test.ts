import type { DomainError } from "@toolboxai/core";
import { type Actor, loadActor, SEARCH_DOCUMENT } from "@toolboxai/core";
import { Prisma } from "@toolboxai/db";
import type { CreateContentInput } from "@toolboxai/validators";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createWorld, errorOf, type World } from "../../testing";

let w: World;
/** A second teacher of organization a: "another teacher" in the rules. */
let otherTeacherId: string;
beforeAll(async () => {
  w = await createWorld();
  const other = await w.t.db.user.create({
    data: {
      organizationId: w.orgs.a,
      email: "teacher2@a.test",
      name: "Second Teacher",
      role: "TEACHER",
      passwordHash: "x",
    },
  });
  otherTeacherId = other.id;
});
afterAll(() => w.t.close());

const teacherA = () => w.actor("a", "TEACHER");
const adminA = () => w.actor("a", "ADMIN");
const teacherB = () => w.actor("b", "TEACHER");
async function otherTeacherA(): Promise<Actor> {
  return (await loadActor(w.t.db, otherTeacherId)) as Actor;
}

let n = 0;
/** A lesson in its own subject, so each test can list just its own items. */
function lesson(overrides: Partial<Extract<CreateContentInput, { type: "LESSON" }>> = {}): CreateContentInput {
  n += 1;
  return {
    type: "LESSON",
    title: `Lesson ${n}`,
    description: "",
    subject: `Subject ${n}`,
    gradeLevel: "5",
    tags: [],
    body: { sections: [{ id: "s1", heading: "Intro", markdown: "Hello **class**.", media: [] }] },
    ...overrides,
  } as CreateContentInput;
}

async function create(actor: Actor, input: CreateContentInput = lesson()) {
  return w.caller(actor).content.create(input);
}

function editOf(item: {
  id: string;
  version: number;
  title: string;
  description: string;
  subject: string;
  gradeLevel: string;
  tags: string[];
  body: unknown;
}) {
  return {
    contentId: item.id,
    expectedVersion: item.version,
    title: item.title,
    description: item.description,
    subject: item.subject,
    gradeLevel: item.gradeLevel as "5",
    tags: item.tags,
    body: item.body,
  };
}

async function activity(type: string, contentId: string) {
  const events = await w.t.db.activityEvent.findMany({ where: { type } });
  return events.filter((e) => (e.metadata as { contentId?: string }).contentId === contentId);
}

describe("roles", () => {
  it.each(["STUDENT", "PARENT"] as const)("refuses a %s", async (role) => {
    const caller = w.caller(await w.actor("a", role));
    expect((await errorOf(caller.content.list({}))).code).toBe("FORBIDDEN");
    expect((await errorOf(caller.content.create(lesson()))).code).toBe("FORBIDDEN");
  });
});

describe("content.create", () => {
  it("creates a DRAFT at version 1 owned by the caller, fills the search text and records content_created", async () => {
    const item = await create(
      await teacherA(),
      lesson({
        tags: ["fractions", "fractions", "math"],
        body: {
          sections: [
            { id: "a", heading: "Halves", markdown: "A [half](https://x.test) is **one** of two.", media: [] },
            {
              id: "b",
              heading: "Quarters",
              markdown: "Four parts",
              media: [{ url: "https://x.test/q.png", caption: "Pizza" }],
            },
          ],
        },
      }),
    );
    expect(item).toMatchObject({
      status: "DRAFT",
      version: 1,
      generated: false,
      canManage: true,
      tags: ["fractions", "math"],
      author: { id: w.users.a.TEACHER.id, name: "TEACHER A" },
    });
    const row = await w.t.db.contentItem.findUniqueOrThrow({ where: { id: item.id } });
    expect(row.searchText).toBe("Halves\nA half is one of two.\nQuarters\nFour parts\nPizza");
    expect(row.organizationId).toBe(w.orgs.a);
    expect(await activity("content_created", item.id)).toHaveLength(1);
  });

  it("fills the search text of an activity and a quiz", async () => {
    const teacher = await teacherA();
    const act = await create(teacher, {
      ...lesson(),
      type: "ACTIVITY",
      body: { instructions: "Work in pairs", steps: [{ id: "1", text: "Measure the desk" }] },
    });
    const quiz = await create(teacher, { ...lesson(), type: "QUIZ", body: { instructions: "No calculators" } });
    const rows = await w.t.db.contentItem.findMany({ where: { id: { in: [act.id, quiz.id] } } });
    expect(rows.find((r) => r.id === act.id)?.searchText).toBe("Work in pairs\nMeasure the desk");
    expect(rows.find((r) => r.id === quiz.id)?.searchText).toBe("No calculators");
  });

  it("refuses a body that does not fit the type", async () => {
    const error = await errorOf(
      w.caller(await teacherA()).content.create({ ...lesson(), type: "ACTIVITY", body: { instructions: "" } } as never),
    );
    expect(error.code).toBe("BAD_REQUEST");
  });
});

describe("visibility", () => {
  it("a teacher sees their own items in any status and other teachers' published ones; an admin sees all", async () => {
    const subject = "Visibility";
    const mine = await create(await teacherA(), lesson({ subject }));
    const othersDraft = await create(await otherTeacherA(), lesson({ subject }));
    const othersPublished = await create(await otherTeacherA(), lesson({ subject }));
    await w.caller(await otherTeacherA()).content.publish({ contentId: othersPublished.id });

    const asTeacher = await w.caller(await teacherA()).content.list({ subject });
    expect(asTeacher.items.map((i) => i.id).sort()).toEqual([mine.id, othersPublished.id].sort());
    expect((await errorOf(w.caller(await teacherA()).content.get({ contentId: othersDraft.id }))).code).toBe(
      "NOT_FOUND",
    );
    const published = await w.caller(await teacherA()).content.get({ contentId: othersPublished.id });
    expect(published.canManage).toBe(false);

    const asAdmin = await w.caller(await adminA()).content.list({ subject });
    expect(asAdmin.items.map((i) => i.id).sort()).toEqual([mine.id, othersDraft.id, othersPublished.id].sort());
    expect((await w.caller(await adminA()).content.get({ contentId: othersDraft.id })).canManage).toBe(true);
  });

  it("only the author or an admin can change an item a teacher can see", async () => {
    const item = await create(await otherTeacherA(), lesson());
    await w.caller(await otherTeacherA()).content.publish({ contentId: item.id });
    const caller = w.caller(await teacherA());
    const published = await caller.content.get({ contentId: item.id });
    const refusals = await Promise.all([
      errorOf(caller.content.update(editOf({ ...published, title: "Mine now" }))),
      errorOf(caller.content.unpublish({ contentId: item.id })),
      errorOf(caller.content.delete({ contentId: item.id })),
      errorOf(caller.content.listVersions({ contentId: item.id })),
      errorOf(caller.content.restoreVersion({ contentId: item.id, version: 1 })),
    ]);
    expect(refusals.map((e) => e.code)).toEqual(["FORBIDDEN", "FORBIDDEN", "FORBIDDEN", "FORBIDDEN", "FORBIDDEN"]);
    expect((await w.t.db.contentItem.findUniqueOrThrow({ where: { id: item.id } })).title).toBe(item.title);
  });

  it("an item a teacher cannot see is NOT_FOUND for every action", async () => {
    const item = await create(await otherTeacherA(), lesson());
    const caller = w.caller(await teacherA());
    const codes = await Promise.all([
      errorOf(caller.content.get({ contentId: item.id })),
      errorOf(caller.content.update(editOf(item))),
      errorOf(caller.content.publish({ contentId: item.id })),
      errorOf(caller.content.duplicate({ contentId: item.id })),
      errorOf(caller.content.delete({ contentId: item.id })),
      errorOf(caller.content.restore({ contentId: item.id })),
      errorOf(caller.content.listVersions({ contentId: item.id })),
    ]);
    expect(new Set(codes.map((e) => e.code))).toEqual(new Set(["NOT_FOUND"]));
  });
});

describe("content.update", () => {
  it("keeps the previous state as a version, increments the version and refreshes the search text", async () => {
    const caller = w.caller(await teacherA());
    const v1 = await create(await teacherA(), lesson({ title: "Volcanoes" }));
    const v2 = await caller.content.update({
      ...editOf(v1),
      title: "Volcanoes and lava",
      tags: ["earth"],
      body: { sections: [{ id: "s1", heading: "Magma", markdown: "Hot rock" }] },
    });
    expect(v2).toMatchObject({ version: 2, title: "Volcanoes and lava", tags: ["earth"] });
    expect(v2.body).toEqual({ sections: [{ id: "s1", heading: "Magma", markdown: "Hot rock", media: [] }] });
    const versions = await caller.content.listVersions({ contentId: v1.id });
    expect(versions).toHaveLength(1);
    expect(versions[0]).toMatchObject({
      version: 1,
      title: "Volcanoes",
      body: v1.body,
      editedBy: { name: "TEACHER A" },
    });
    const row = await w.t.db.contentItem.findUniqueOrThrow({ where: { id: v1.id } });
    expect(row.searchText).toBe("Magma\nHot rock");
    expect(await activity("content_updated", v1.id)).toHaveLength(1);
    // The author editing their own item is not audited.
    expect(await w.t.db.auditLog.count({ where: { targetId: v1.id } })).toBe(0);
  });

  it("refuses a stale edit with CONFLICT and keeps the other save", async () => {
    const teacher = w.caller(await teacherA());
    const v1 = await create(await teacherA(), lesson());
    await teacher.content.update({ ...editOf(v1), title: "First save" });
    const error = await errorOf(teacher.content.update({ ...editOf(v1), title: "Second save" }));
    expect(error.code).toBe("CONFLICT");
    expect(error.message).toMatch(/someone else saved this item/i);
    const row = await w.t.db.contentItem.findUniqueOrThrow({ where: { id: v1.id } });
    expect(row).toMatchObject({ title: "First save", version: 2 });
  });

  it("two saves racing from the same version: one wins, the other gets CONFLICT", async () => {
    const teacher = w.caller(await teacherA());
    const v1 = await create(await teacherA(), lesson());
    const results = await Promise.allSettled([
      teacher.content.update({ ...editOf(v1), title: "A" }),
      teacher.content.update({ ...editOf(v1), title: "B" }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const rejected = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect(rejected.reason.code).toBe("CONFLICT");
    expect((await w.t.db.contentItem.findUniqueOrThrow({ where: { id: v1.id } })).version).toBe(2);
  });

  it("validates the body against the item's type, with field errors on body paths", async () => {
    const v1 = await create(await teacherA(), lesson());
    const error = await errorOf(
      w.caller(await teacherA()).content.update({
        ...editOf(v1),
        body: { sections: [{ id: "s1", heading: "", markdown: "x", media: [{ url: "nope" }] }] },
      }),
    );
    expect(error.code).toBe("BAD_REQUEST");
    const fieldErrors = (error.cause as DomainError).fieldErrors;
    expect(fieldErrors["body.sections.0.heading"]).toEqual(["Give the section a heading"]);
    expect(fieldErrors["body.sections.0.media.0.url"]).toBeDefined();
    // An activity body is not a lesson body.
    const wrongType = await errorOf(
      w.caller(await teacherA()).content.update({
        ...editOf(v1),
        body: { instructions: "Do it", steps: [{ id: "1", text: "Go" }] },
      }),
    );
    expect((wrongType.cause as DomainError).fieldErrors["body.sections"]).toBeDefined();
    expect((await w.t.db.contentItem.findUniqueOrThrow({ where: { id: v1.id } })).version).toBe(1);
  });

  it("an admin can edit a teacher's item, which is audited", async () => {
    const item = await create(await teacherA(), lesson());
    const edited = await w.caller(await adminA()).content.update({ ...editOf(item), title: "Fixed by admin" });
    expect(edited.author.id).toBe(w.users.a.TEACHER.id);
    const audit = await w.t.db.auditLog.findFirstOrThrow({ where: { action: "content.updated", targetId: item.id } });
    expect(audit.actorId).toBe(w.users.a.ADMIN.id);
    expect(audit.metadata).toMatchObject({ fromVersion: 1, toVersion: 2, authorId: w.users.a.TEACHER.id });
  });
});

describe("version history", () => {
  it("lists versions newest first and restores one, keeping the current state as a version", async () => {
    const caller = w.caller(await teacherA());
    const v1 = await create(await teacherA(), lesson({ title: "Draft one", tags: ["one"] }));
    const v2 = await caller.content.update({ ...editOf(v1), title: "Draft two", tags: ["two"] });
    const v3 = await caller.content.update({
      ...editOf(v2),
      title: "Draft three",
      body: { sections: [{ id: "z", heading: "Rewritten", markdown: "All new" }] },
    });
    expect((await caller.content.listVersions({ contentId: v1.id })).map((v) => v.version)).toEqual([2, 1]);

    const restored = await caller.content.restoreVersion({ contentId: v1.id, version: 1 });
    expect(restored).toMatchObject({ version: 4, title: "Draft one", tags: ["one"], body: v1.body });
    const versions = await caller.content.listVersions({ contentId: v1.id });
    expect(versions.map((v) => v.version)).toEqual([3, 2, 1]);
    expect(versions[0]).toMatchObject({ title: "Draft three", body: v3.body });
    const row = await w.t.db.contentItem.findUniqueOrThrow({ where: { id: v1.id } });
    expect(row.searchText).toBe("Intro\nHello class .");
    const events = await activity("content_version_restored", v1.id);
    expect(events.map((e) => e.metadata)).toEqual([expect.objectContaining({ restoredVersion: 1, version: 4 })]);
  });

  it("an unknown version is NOT_FOUND", async () => {
    const item = await create(await teacherA(), lesson());
    const error = await errorOf(w.caller(await teacherA()).content.restoreVersion({ contentId: item.id, version: 7 }));
    expect(error.code).toBe("NOT_FOUND");
  });

  it("an admin restoring a teacher's version is audited", async () => {
    const item = await create(await teacherA(), lesson());
    await w.caller(await teacherA()).content.update({ ...editOf(item), title: "Changed" });
    await w.caller(await adminA()).content.restoreVersion({ contentId: item.id, version: 1 });
    const audit = await w.t.db.auditLog.findFirstOrThrow({
      where: { action: "content.version_restored", targetId: item.id },
    });
    expect(audit.metadata).toMatchObject({ restoredVersion: 1, fromVersion: 2, toVersion: 3 });
  });
});

describe("publish and unpublish", () => {
  it("publishes with a date, unpublishes to DRAFT, audits and records both", async () => {
    const caller = w.caller(await teacherA());
    const item = await create(await teacherA(), lesson());
    const published = await caller.content.publish({ contentId: item.id });
    expect(published.status).toBe("PUBLISHED");
    expect(published.publishedAt).toBeInstanceOf(Date);
    expect(published.version).toBe(1);
    // Publishing twice changes nothing.
    await caller.content.publish({ contentId: item.id });
    const unpublished = await caller.content.unpublish({ contentId: item.id });
    expect(unpublished).toMatchObject({ status: "DRAFT", publishedAt: null });

    const audits = await w.t.db.auditLog.findMany({ where: { targetId: item.id }, orderBy: { createdAt: "asc" } });
    expect(audits.map((a) => a.action)).toEqual(["content.published", "content.unpublished"]);
    expect(audits[0]?.metadata).toMatchObject({ fromStatus: "DRAFT", toStatus: "PUBLISHED" });
    expect(await activity("content_published", item.id)).toHaveLength(1);
    expect(await activity("content_unpublished", item.id)).toHaveLength(1);
  });

  it("publishing the version the editor just saved publishes that version's text", async () => {
    const caller = w.caller(await teacherA());
    const item = await create(await teacherA(), lesson());
    const saved = await caller.content.update({ ...editOf(item), title: "The edited title" });
    const published = await caller.content.publish({ contentId: item.id, expectedVersion: saved.version });
    expect(published).toMatchObject({ status: "PUBLISHED", version: 2, title: "The edited title" });
  });

  it("publishing a version that is no longer the latest is a CONFLICT and publishes nothing", async () => {
    const caller = w.caller(await teacherA());
    const item = await create(await teacherA(), lesson());
    // An admin saves a new version after the teacher opened version 1.
    await w.caller(await adminA()).content.update({ ...editOf(item), title: "The admin's title" });
    const error = await errorOf(caller.content.publish({ contentId: item.id, expectedVersion: item.version }));
    expect(error.code).toBe("CONFLICT");
    expect(error.message).toMatch(/nothing was published/);
    const stored = await caller.content.get({ contentId: item.id });
    expect(stored).toMatchObject({ status: "DRAFT", publishedAt: null, version: 2 });
    expect(await activity("content_published", item.id)).toHaveLength(0);
  });

  it("an admin can publish a teacher's item", async () => {
    const item = await create(await teacherA(), lesson());
    const published = await w.caller(await adminA()).content.publish({ contentId: item.id });
    expect(published.status).toBe("PUBLISHED");
    const audit = await w.t.db.auditLog.findFirstOrThrow({ where: { targetId: item.id } });
    expect(audit).toMatchObject({ action: "content.published", actorId: w.users.a.ADMIN.id });
  });
});

describe("content.duplicate", () => {
  it("copies a published item of another teacher as the caller's own DRAFT", async () => {
    const source = await create(await otherTeacherA(), lesson({ title: "Rivers", tags: ["water"] }));
    await w.caller(await otherTeacherA()).content.publish({ contentId: source.id });
    const copy = await w.caller(await teacherA()).content.duplicate({ contentId: source.id });
    expect(copy).toMatchObject({
      title: "Copy of Rivers",
      status: "DRAFT",
      version: 1,
      tags: ["water"],
      body: source.body,
      canManage: true,
      author: { id: w.users.a.TEACHER.id },
    });
    expect(copy.id).not.toBe(source.id);
    const row = await w.t.db.contentItem.findUniqueOrThrow({ where: { id: copy.id } });
    expect(row.searchText).toBe("Intro\nHello class .");
    const events = await activity("content_duplicated", copy.id);
    expect(events[0]?.metadata).toMatchObject({ sourceId: source.id });
  });

  it("copies a quiz's questions in order", async () => {
    const teacher = await teacherA();
    const quiz = await create(teacher, { ...lesson(), type: "QUIZ", body: { instructions: "" } });
    const questions = [];
    for (const prompt of ["2+2?", "3+3?"]) {
      questions.push(
        await w.t.db.question.create({
          data: { organizationId: w.orgs.a, ownerId: teacher.userId, type: "SHORT_ANSWER", prompt, answer: {} },
        }),
      );
    }
    await w.t.db.quizQuestion.createMany({
      data: questions.map((q, i) => ({ organizationId: w.orgs.a, quizId: quiz.id, questionId: q.id, position: i })),
    });
    const copy = await w.caller(teacher).content.duplicate({ contentId: quiz.id });
    const copied = await w.t.db.quizQuestion.findMany({ where: { quizId: copy.id }, orderBy: { position: "asc" } });
    expect(copied.map((q) => q.questionId)).toEqual(questions.map((q) => q.id));
    expect(copied.every((q) => q.organizationId === w.orgs.a)).toBe(true);
  });
});

describe("soft delete and restore", () => {
  it("hides a deleted item, lists it under deleted for its author, and restores it", async () => {
    const subject = "Deleted things";
    const caller = w.caller(await teacherA());
    const item = await create(await teacherA(), lesson({ subject }));
    await caller.content.publish({ contentId: item.id });
    const deleted = await caller.content.delete({ contentId: item.id });
    expect(deleted.deletedAt).toBeInstanceOf(Date);

    expect((await caller.content.list({ subject })).items).toEqual([]);
    expect((await caller.content.list({ subject, deleted: true })).items.map((i) => i.id)).toEqual([item.id]);
    // Others no longer see it, even though it was published.
    const other = w.caller(await otherTeacherA());
    expect((await other.content.list({ subject })).items).toEqual([]);
    expect((await other.content.list({ subject, deleted: true })).items).toEqual([]);
    expect((await errorOf(other.content.get({ contentId: item.id }))).code).toBe("NOT_FOUND");
    expect((await errorOf(other.content.duplicate({ contentId: item.id }))).code).toBe("NOT_FOUND");
    // The author still opens it (to restore it), but cannot edit it while deleted.
    expect((await caller.content.get({ contentId: item.id })).deletedAt).not.toBeNull();
    expect((await errorOf(caller.content.update(editOf(item)))).code).toBe("NOT_FOUND");

    const restored = await caller.content.restore({ contentId: item.id });
    expect(restored.deletedAt).toBeNull();
    expect((await other.content.list({ subject })).items.map((i) => i.id)).toEqual([item.id]);
    const audits = await w.t.db.auditLog.findMany({ where: { targetId: item.id }, orderBy: { createdAt: "asc" } });
    expect(audits.map((a) => a.action)).toEqual(["content.published", "content.deleted", "content.restored"]);
    expect(await activity("content_deleted", item.id)).toHaveLength(1);
    expect(await activity("content_restored", item.id)).toHaveLength(1);
  });

  it("an admin lists and restores a teacher's deleted item", async () => {
    const subject = "Admin restores";
    const item = await create(await teacherA(), lesson({ subject }));
    await w.caller(await teacherA()).content.delete({ contentId: item.id });
    const admin = w.caller(await adminA());
    expect((await admin.content.list({ subject, deleted: true })).items.map((i) => i.id)).toEqual([item.id]);
    await admin.content.restore({ contentId: item.id });
    const audit = await w.t.db.auditLog.findFirstOrThrow({ where: { action: "content.restored", targetId: item.id } });
    expect(audit.actorId).toBe(w.users.a.ADMIN.id);
  });
});

describe("content.list filters", () => {
  it("filters by type, status, subject (any case), grade, author and tag, with author names", async () => {
    const subject = "Filter Science";
    const t = await teacherA();
    const a = await create(t, lesson({ subject, gradeLevel: "3", tags: ["plants"] }));
    const b = await create(t, {
      ...lesson({ subject, gradeLevel: "7" }),
      type: "ACTIVITY",
      body: { instructions: "Go outside", steps: [{ id: "1", text: "Find a leaf" }] },
    });
    const c = await create(await otherTeacherA(), lesson({ subject, tags: ["plants", "cells"] }));
    await w.caller(await otherTeacherA()).content.publish({ contentId: c.id });
    const caller = w.caller(t);
    const ids = async (input: Parameters<typeof caller.content.list>[0]) =>
      (await caller.content.list({ subject, ...input })).items.map((i) => i.id).sort();

    expect(await ids({ subject: "filter science" })).toEqual([a.id, b.id, c.id].sort());
    expect(await ids({ type: "ACTIVITY" })).toEqual([b.id]);
    expect(await ids({ status: "PUBLISHED" })).toEqual([c.id]);
    expect(await ids({ gradeLevel: "3" })).toEqual([a.id]);
    expect(await ids({ authorId: otherTeacherId })).toEqual([c.id]);
    expect(await ids({ tag: "Plants" })).toEqual([a.id, c.id].sort());
    expect(await ids({ tag: "cells", type: "LESSON" })).toEqual([c.id]);
    const listed = await caller.content.list({ subject, authorId: otherTeacherId });
    expect(listed.items[0]?.author).toEqual({ id: otherTeacherId, name: "Second Teacher" });
    expect(listed.items[0]).not.toHaveProperty("body");
  });

  it("orders by newest first", async () => {
    const subject = "Order check";
    const first = await create(await teacherA(), lesson({ subject }));
    const second = await create(await teacherA(), lesson({ subject }));
    const listed = await w.caller(await teacherA()).content.list({ subject });
    expect(listed.items.map((i) => i.id)).toEqual([second.id, first.id]);
  });
});

describe("full-text search", () => {
  it("searches title, description and body text, ranking a title match above a body-only match", async () => {
    const subject = "Search ranking";
    const t = await teacherA();
    const bodyOnly = await create(
      t,
      lesson({
        subject,
        title: "Plant biology",
        body: { sections: [{ id: "1", heading: "Leaves", markdown: "Leaves do **photosynthesis** in sunlight." }] },
      }),
    );
    const inTitle = await create(t, lesson({ subject, title: "Photosynthesis explained" }));
    const inDescription = await create(
      t,
      lesson({ subject, title: "Green things", description: "How photosynthesis feeds plants" }),
    );
    await create(t, lesson({ subject, title: "Volcano basics" }));

    const result = await w.caller(t).content.list({ subject, search: "photosynthesis" });
    expect(result.items.map((i) => i.id)).toEqual([inTitle.id, inDescription.id, bodyOnly.id]);
    // Stemming and web-search syntax.
    const stemmed = await w.caller(t).content.list({ subject, search: "sunlights" });
    expect(stemmed.items.map((i) => i.id)).toEqual([bodyOnly.id]);
    const excluding = await w.caller(t).content.list({ subject, search: "photosynthesis -green" });
    expect(excluding.items.map((i) => i.id)).toEqual([inTitle.id, bodyOnly.id]);
    const phrase = await w.caller(t).content.list({ subject, search: '"photosynthesis explained"' });
    expect(phrase.items.map((i) => i.id)).toEqual([inTitle.id]);
    expect((await w.caller(t).content.list({ subject, search: "the" })).items).toEqual([]);
  });

  it("searches only what the caller may see", async () => {
    const subject = "Search visibility";
    const draft = await create(await otherTeacherA(), lesson({ subject, title: "Secret glaciers" }));
    const teacher = w.caller(await teacherA());
    expect((await teacher.content.list({ search: "glaciers" })).items.map((i) => i.id)).not.toContain(draft.id);
    expect((await w.caller(await adminA()).content.list({ search: "glaciers" })).items.map((i) => i.id)).toContain(
      draft.id,
    );
  });

  it("the match condition uses the GIN index", async () => {
    const plan = await w.t.db.$transaction([
      w.t.db.$executeRawUnsafe("SET LOCAL enable_seqscan = off"),
      w.t.db.$queryRaw<{ "QUERY PLAN": string }[]>(
        Prisma.sql`EXPLAIN SELECT c."id" FROM "ContentItem" c WHERE ${SEARCH_DOCUMENT} @@ websearch_to_tsquery('english', ${"volcano"})`,
      ),
    ]);
    expect(plan[1].map((r) => r["QUERY PLAN"]).join("\n")).toContain("ContentItem_search_idx");
  });
});

describe("cursor pagination", () => {
  async function walk(
    actor: Actor,
    input: { subject: string; search?: string },
    onPage?: (i: number) => Promise<void>,
  ) {
    const caller = w.caller(actor);
    const seen: string[] = [];
    let cursor: string | null = null;
    for (let page = 0; page < 20; page += 1) {
      const result = await caller.content.list({ ...input, limit: 2, cursor });
      seen.push(...result.items.map((i) => i.id));
      await onPage?.(page);
      cursor = result.nextCursor;
      if (!cursor) break;
    }
    return seen;
  }

  it("pages are stable when items are inserted between fetches", async () => {
    const subject = "Paging";
    const t = await teacherA();
    const existing = [];
    for (let i = 0; i < 5; i += 1) existing.push(await create(t, lesson({ subject })));
    const inserted: string[] = [];
    const seen = await walk(t, { subject }, async () => {
      inserted.push((await create(t, lesson({ subject }))).id);
    });
    expect(seen).toEqual(existing.map((i) => i.id).reverse());
    expect(seen.some((id) => inserted.includes(id))).toBe(false);
  });

  it("search results page by rank without repeats or gaps", async () => {
    const subject = "Paging search";
    const t = await teacherA();
    const ids: string[] = [];
    for (let i = 0; i < 5; i += 1) {
      const title = i % 2 === 0 ? "Tides and the moon" : "Coastlines";
      ids.push((await create(t, lesson({ subject, title, description: "tides" }))).id);
    }
    const all = (await w.caller(t).content.list({ subject, search: "tides" })).items.map((i) => i.id);
    expect(all.sort()).toEqual([...ids].sort());
    const paged = await walk(t, { subject, search: "tides" }, async () => {
      await create(t, lesson({ subject, title: "Tides again" }));
    });
    expect(new Set(paged).size).toBe(paged.length);
    // The first page's ranking holds: title matches first.
    expect(paged.slice(0, 3).sort()).toEqual([ids[0], ids[2], ids[4]].sort());
    expect(paged.filter((id) => ids.includes(id)).sort()).toEqual([...ids].sort());
  });

  it("refuses a cursor from another kind of list", async () => {
    const subject = "Cursor kinds";
    const t = await teacherA();
    for (let i = 0; i < 3; i += 1) await create(t, lesson({ subject }));
    const page = await w.caller(t).content.list({ subject, limit: 1 });
    expect(page.nextCursor).toBeTruthy();
    const error = await errorOf(
      w.caller(t).content.list({ subject, search: "lesson", cursor: page.nextCursor as string }),
    );
    expect(error.code).toBe("BAD_REQUEST");
    expect((await errorOf(w.caller(t).content.list({ cursor: "garbage" }))).code).toBe("BAD_REQUEST");
  });
});

describe("organizations", () => {
  it("a teacher or admin of another organization cannot see or touch an item", async () => {
    const item = await create(await teacherA(), lesson({ subject: "Cross org", title: "Borealis" }));
    await w.caller(await teacherA()).content.publish({ contentId: item.id });
    for (const actor of [await teacherB(), await w.actor("b", "ADMIN")]) {
      const caller = w.caller(actor);
      const codes = await Promise.all([
        errorOf(caller.content.get({ contentId: item.id })),
        errorOf(caller.content.update(editOf(item))),
        errorOf(caller.content.unpublish({ contentId: item.id })),
        errorOf(caller.content.duplicate({ contentId: item.id })),
        errorOf(caller.content.delete({ contentId: item.id })),
        errorOf(caller.content.restore({ contentId: item.id })),
        errorOf(caller.content.listVersions({ contentId: item.id })),
        errorOf(caller.content.restoreVersion({ contentId: item.id, version: 1 })),
      ]);
      expect(new Set(codes.map((e) => e.code))).toEqual(new Set(["NOT_FOUND"]));
      expect((await caller.content.list({ subject: "Cross org" })).items).toEqual([]);
      expect((await caller.content.list({ search: "borealis" })).items).toEqual([]);
      expect((await caller.content.list({ authorId: w.users.a.TEACHER.id })).items).toEqual([]);
    }
    expect((await w.t.db.contentItem.findUniqueOrThrow({ where: { id: item.id } })).status).toBe("PUBLISHED");
  });
});

describe("content.duplicate: a quiz's questions (private answer keys stay private)", () => {
  /** A published quiz of the second teacher with one private, one VIEW-shared and one EDIT-shared question. */
  async function colleaguesQuiz() {
    const author = w.caller(await otherTeacherA());
    const quiz = await create(await otherTeacherA(), { ...lesson(), type: "QUIZ", body: { instructions: "" } });
    const make = (prompt: string, accepted: string) =>
      author.questions.create({ type: "SHORT_ANSWER", prompt, answer: { accepted: [accepted] }, points: 2 });
    const secret = await make("Private: the capital of Peru?", "Lima");
    const viewable = await make("Shared to view: the capital of Chile?", "Santiago");
    const editable = await make("Shared to edit: the capital of Bolivia?", "Sucre");
    await author.questions.share({ questionId: viewable.id, access: "VIEW" });
    await author.questions.share({ questionId: editable.id, access: "EDIT" });
    await author.questions.setQuizQuestions({ quizId: quiz.id, questionIds: [secret.id, viewable.id, editable.id] });
    await author.content.publish({ contentId: quiz.id });
    return { quiz, secret, viewable, editable };
  }

  it("leaves out the questions private to their owner and says how many", async () => {
    const { quiz, secret } = await colleaguesQuiz();
    const caller = w.caller(await teacherA());
    const copy = await caller.content.duplicate({ contentId: quiz.id });
    expect(copy.questionsLeftOut).toBe(1);
    const listed = await caller.questions.quizQuestions({ quizId: copy.id });
    expect(listed.map((r) => r.question.prompt)).toEqual([
      "Shared to view: the capital of Chile?",
      "Shared to edit: the capital of Bolivia?",
    ]);
    expect(JSON.stringify(listed)).not.toContain("Lima");
    expect(await w.t.db.quizQuestion.count({ where: { quizId: copy.id, questionId: secret.id } })).toBe(0);
  });

  it("copies the shared questions into the duplicator's own private questions, in order", async () => {
    const { quiz, viewable, editable } = await colleaguesQuiz();
    const caller = w.caller(await teacherA());
    const copy = await caller.content.duplicate({ contentId: quiz.id });
    const listed = await caller.questions.quizQuestions({ quizId: copy.id });
    expect(listed.map((r) => r.position)).toEqual([1, 2]);
    for (const [row, source] of [
      [listed[0], viewable],
      [listed[1], editable],
    ] as const) {
      expect(row?.question.id).not.toBe(source.id);
      expect(row?.question).toMatchObject({
        type: source.type,
        prompt: source.prompt,
        answer: source.answer,
        points: source.points,
        sharedAccess: null,
        owner: { id: w.users.a.TEACHER.id },
        canManage: true,
      });
    }
  });

  it("keeps working for the duplicator after the owner makes the shared questions private", async () => {
    const { quiz, viewable, editable } = await colleaguesQuiz();
    const caller = w.caller(await teacherA());
    const copy = await caller.content.duplicate({ contentId: quiz.id });
    const author = w.caller(await otherTeacherA());
    await author.questions.share({ questionId: viewable.id, access: null });
    await author.questions.share({ questionId: editable.id, access: null });
    expect(await caller.questions.quizQuestions({ quizId: copy.id })).toHaveLength(2);
  });

  it("leaves the source quiz and its questions as they were", async () => {
    const { quiz, secret, viewable, editable } = await colleaguesQuiz();
    await w.caller(await teacherA()).content.duplicate({ contentId: quiz.id });
    const source = await w.caller(await otherTeacherA()).questions.quizQuestions({ quizId: quiz.id });
    expect(source.map((r) => r.question.id)).toEqual([secret.id, viewable.id, editable.id]);
    expect(source.every((r) => r.question.owner.id === otherTeacherId)).toBe(true);
  });

  it("an admin, who sees every question, gets all of them as their own", async () => {
    const { quiz } = await colleaguesQuiz();
    const admin = w.caller(await adminA());
    const copy = await admin.content.duplicate({ contentId: quiz.id });
    expect(copy.questionsLeftOut).toBe(0);
    const listed = await admin.questions.quizQuestions({ quizId: copy.id });
    expect(listed).toHaveLength(3);
    expect(listed.every((r) => r.question.owner.id === w.users.a.ADMIN.id)).toBe(true);
  });

  it("reuses the duplicator's own questions rather than copying them", async () => {
    const { quiz, secret, viewable, editable } = await colleaguesQuiz();
    const copy = await w.caller(await otherTeacherA()).content.duplicate({ contentId: quiz.id });
    expect(copy.questionsLeftOut).toBe(0);
    const listed = await w.caller(await otherTeacherA()).questions.quizQuestions({ quizId: copy.id });
    expect(listed.map((r) => r.question.id)).toEqual([secret.id, viewable.id, editable.id]);
  });

  it("records how many questions were copied and left out", async () => {
    const { quiz } = await colleaguesQuiz();
    const copy = await w.caller(await teacherA()).content.duplicate({ contentId: quiz.id });
    const events = await activity("content_duplicated", copy.id);
    expect(events[0]?.metadata).toMatchObject({ sourceId: quiz.id, questionsCopied: 2, questionsLeftOut: 1 });
  });
});
