// A quiz that draws N random questions from a bank tag (issue 12, finding 10): a draw of more
// questions than the tag holds is refused when it is saved, with the number available, instead of
// being saved and quietly handing students fewer.

import type { DomainError } from "@toolboxai/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createWorld, errorOf, type World } from "../../testing";

let w: World;
let quizId: string;

const teacher = async () => w.caller(await w.actor("a", "TEACHER"));

/** Saves the quiz's draw settings as the quiz editor does (content.update with a new body). */
async function saveDraw(draw: { tag: string; count: number } | null) {
  const t = await teacher();
  const item = await t.content.get({ contentId: quizId });
  return t.content.update({
    contentId: quizId,
    expectedVersion: item.version,
    title: item.title,
    description: item.description,
    subject: item.subject,
    gradeLevel: item.gradeLevel as "7",
    tags: item.tags,
    body: { instructions: "", draw: draw && { ...draw, avoidRepeats: true } },
  });
}

beforeAll(async () => {
  w = await createWorld();
  const t = await teacher();
  await t.questions.create({ type: "TRUE_FALSE", prompt: "Plates move.", answer: { value: true }, tags: ["plates"] });
  await t.questions.create({ type: "TRUE_FALSE", prompt: "Lava is cold.", answer: { value: false }, tags: ["lava"] });
  const quiz = await t.content.create({
    type: "QUIZ",
    title: "Plates quiz",
    subject: "Science",
    gradeLevel: "7",
    body: { instructions: "", draw: null },
  });
  quizId = quiz.id;
});
afterAll(() => w.t.close());

describe("saving a random draw", () => {
  it("refuses a draw of 50 when only 1 question has the tag, saying how many there are", async () => {
    const error = await errorOf(saveDraw({ tag: "plates", count: 50 }));
    expect(error.code).toBe("BAD_REQUEST");
    expect((error.cause as DomainError).fieldErrors).toEqual({
      "body.draw.count": ["Only 1 question is tagged “plates”: choose 1 or fewer, or tag more questions."],
    });
    const body = (await (await teacher()).content.get({ contentId: quizId })).body as { draw: unknown };
    expect(body.draw).toBeNull();
  });

  it("refuses a tag no question has", async () => {
    const error = await errorOf(saveDraw({ tag: "volcanoes", count: 1 }));
    expect(Object.keys((error.cause as DomainError).fieldErrors)).toEqual(["body.draw.tag"]);
  });

  it("saves a draw the bank can fill", async () => {
    const saved = await saveDraw({ tag: "plates", count: 1 });
    expect((saved.body as { draw: unknown }).draw).toMatchObject({ tag: "plates", count: 1 });
  });

  it("lets an unrelated edit through when the saved draw is unchanged", async () => {
    await saveDraw({ tag: "plates", count: 1 });
    // Someone removes the only tagged question: the quiz's other fields can still be edited.
    const t = await teacher();
    const only = (await t.questions.list({ tag: "plates" })).items[0];
    await t.questions.remove({ questionId: only?.id ?? "" });
    const saved = await saveDraw({ tag: "plates", count: 1 });
    expect((saved.body as { draw: unknown }).draw).toMatchObject({ tag: "plates", count: 1 });
  });
});

describe("creating a quiz with a random draw", () => {
  const create = async (count: number) =>
    (await teacher()).content.create({
      type: "QUIZ",
      title: "Lava quiz",
      subject: "Science",
      gradeLevel: "7",
      body: { instructions: "", draw: { tag: "lava", count, avoidRepeats: true } },
    });

  it("refuses a new quiz drawing 50 when only 1 question has the tag, and saves nothing", async () => {
    const error = await errorOf(create(50));
    expect((error.cause as DomainError).fieldErrors).toEqual({
      "body.draw.count": ["Only 1 question is tagged “lava”: choose 1 or fewer, or tag more questions."],
    });
    const titles = (await (await teacher()).content.list({})).items.map((i) => i.title);
    expect(titles).not.toContain("Lava quiz");
  });

  it("creates a new quiz whose draw the bank can fill", async () => {
    const quiz = await create(1);
    expect((quiz.body as { draw: unknown }).draw).toMatchObject({ tag: "lava", count: 1 });
  });
});
