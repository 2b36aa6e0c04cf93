// The input guard (finding 6 of the security review): text PostgreSQL cannot store, anywhere in
// any procedure's input, is refused with BAD_REQUEST and a field error at its path before the
// input is parsed or a service runs. Called through the server-side caller, so every middleware
// of a real request runs; apps/web's unstorable-input test does the same over HTTP.
import { DomainError } from "@toolboxai/core";
import { INPUT_TOO_DEEP_MESSAGE, UNSTORABLE_TEXT_MESSAGE } from "@toolboxai/validators";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createWorld, errorOf, type World } from "../testing";

let w: World;
beforeAll(async () => {
  w = await createWorld();
});
afterAll(() => w.t.close());

const teacher = async () => w.caller(await w.actor("a", "TEACHER"));

const lesson = (heading: string, extra: Record<string, unknown> = {}) => ({
  type: "LESSON" as const,
  title: "Guarded lesson",
  subject: "Science",
  gradeLevel: "7" as const,
  body: { sections: [{ id: "s1", heading, markdown: "Text" }] },
  ...extra,
});

/** The field errors a refusal carries (what the error formatter sends to the client). */
function fieldErrorsOf(e: { cause?: unknown }): Record<string, string[]> {
  expect(e.cause).toBeInstanceOf(DomainError);
  return (e.cause as DomainError).fieldErrors;
}

describe("input guard", () => {
  it("refuses a NUL in a nested field with BAD_REQUEST and the field's dotted path", async () => {
    const e = await errorOf((await teacher()).content.create(lesson("Intro\u0000")));
    expect(e.code).toBe("BAD_REQUEST");
    expect(e.message).toBe(UNSTORABLE_TEXT_MESSAGE);
    expect(fieldErrorsOf(e)).toEqual({ "body.sections.0.heading": [UNSTORABLE_TEXT_MESSAGE] });
  });

  it("stores nothing when it refuses", async () => {
    await errorOf((await teacher()).content.create(lesson("Intro", { title: "Stored?\u0000" })));
    expect(await w.scoped("a").contentItem.count({ where: { title: { startsWith: "Stored?" } } })).toBe(0);
  });

  it("refuses a lone surrogate in the generation notes", async () => {
    const e = await errorOf(
      (await teacher()).agents.generate({
        topic: "Photosynthesis",
        subject: "Science",
        gradeLevel: "7",
        parts: ["lesson"],
        notes: "a broken emoji \uD83C",
      }),
    );
    expect(e.code).toBe("BAD_REQUEST");
    expect(fieldErrorsOf(e)).toEqual({ notes: [UNSTORABLE_TEXT_MESSAGE] });
  });

  it("refuses a NUL inside a field the schema leaves unparsed (an edit's body)", async () => {
    const e = await errorOf(
      (await teacher()).content.update({
        contentId: "any",
        expectedVersion: 1,
        title: "Edited",
        subject: "Science",
        gradeLevel: "7",
        body: { sections: [{ id: "s1", heading: "Intro", markdown: "x\u0000" }] },
      }),
    );
    expect(e.code).toBe("BAD_REQUEST");
    expect(fieldErrorsOf(e)).toEqual({ "body.sections.0.markdown": [UNSTORABLE_TEXT_MESSAGE] });
  });

  it("refuses a NUL in a record's key at the record's path", async () => {
    const student = w.caller(await w.actor("a", "STUDENT"));
    const e = await errorOf(student.assignments.saveResponses({ attemptId: "any", responses: { "q\u0000": null } }));
    expect(e.code).toBe("BAD_REQUEST");
    expect(fieldErrorsOf(e)).toEqual({ responses: [UNSTORABLE_TEXT_MESSAGE] });
  });

  it("refuses a NUL in a query's input too", async () => {
    const e = await errorOf((await teacher()).content.list({ search: "cells\u0000" }));
    expect(e.code).toBe("BAD_REQUEST");
    expect(fieldErrorsOf(e)).toEqual({ search: [UNSTORABLE_TEXT_MESSAGE] });
  });

  it("refuses an input nested 10,000 levels deep", async () => {
    let deep: unknown = "leaf";
    for (let i = 0; i < 10_000; i++) deep = [deep];
    const e = await errorOf((await teacher()).content.create(lesson("Intro", { body: deep })));
    expect(e.code).toBe("BAD_REQUEST");
    expect(e.message).toBe(INPUT_TOO_DEEP_MESSAGE);
  });

  it("lets storable text through, emoji included", async () => {
    const created = await (await teacher()).content.create(lesson("Intro 🌱"));
    expect(created.title).toBe("Guarded lesson");
  });

  it("leaves the other refusals alone: an anonymous caller with storable input gets UNAUTHORIZED", async () => {
    const e = await errorOf(w.caller(null).content.create(lesson("Intro")));
    expect(e.code).toBe("UNAUTHORIZED");
  });
});
