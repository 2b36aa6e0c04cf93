// Text PostgreSQL cannot store (finding 6 of the security review): NUL and lone surrogates are
// refused by the shared text schema and found anywhere in a raw input by `findUnstorableInput`.
import { describe, expect, it } from "vitest";
import {
  createContentSchema,
  findUnstorableInput,
  generateRequestSchema,
  INPUT_TOO_DEEP_MESSAGE,
  isStorableText,
  MAX_INPUT_DEPTH,
  messageBodySchema,
  textSchema,
  UNSTORABLE_TEXT_MESSAGE,
  updateProfileSchema,
} from "./index";

const lesson = (heading: string) => ({
  type: "LESSON" as const,
  title: "Cells",
  subject: "Science",
  gradeLevel: "7" as const,
  body: { sections: [{ id: "s1", heading, markdown: "Text" }] },
});

describe("isStorableText", () => {
  it("accepts ordinary text, emoji (surrogate pairs) and other scripts", () => {
    expect(isStorableText("Photosynthesis 🌱 — fotosíntesis 光合作用")).toBe(true);
  });

  it("refuses a NUL character", () => {
    expect(isStorableText("before\u0000after")).toBe(false);
  });

  it("refuses a lone high surrogate and a lone low surrogate", () => {
    expect(isStorableText("broken \uD83C emoji")).toBe(false);
    expect(isStorableText("\uDF31 broken")).toBe(false);
  });
});

describe("textSchema", () => {
  it("passes storable text through unchanged", () => {
    expect(textSchema.parse("Hello 👋")).toBe("Hello 👋");
  });

  it("refuses a NUL with the unstorable-text message", () => {
    const r = textSchema.safeParse("a\u0000b");
    expect(r.error?.issues.map((i) => i.message)).toEqual([UNSTORABLE_TEXT_MESSAGE]);
  });

  it("keeps the checks chained after it (trim, length)", () => {
    expect(textSchema.trim().max(3).safeParse("  abc  ").data).toBe("abc");
    expect(textSchema.max(3).safeParse("abcd").success).toBe(false);
  });

  it("is what the schemas' string fields are built on: a name, a message, generation notes", () => {
    expect(updateProfileSchema.safeParse({ name: "Ava\u0000" }).error?.issues[0]?.message).toBe(
      UNSTORABLE_TEXT_MESSAGE,
    );
    expect(messageBodySchema.safeParse("hi \uD800").error?.issues[0]?.message).toBe(UNSTORABLE_TEXT_MESSAGE);
    const notes = generateRequestSchema.safeParse({
      topic: "Cells",
      subject: "Science",
      gradeLevel: "7",
      parts: ["lesson"],
      notes: "emoji cut in half \uD83C",
    });
    expect(notes.error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([["notes", UNSTORABLE_TEXT_MESSAGE]]);
  });

  it("reports a nested field at its full path", () => {
    const r = createContentSchema.safeParse(lesson("Intro\u0000"));
    expect(r.error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([
      ["body.sections.0.heading", UNSTORABLE_TEXT_MESSAGE],
    ]);
  });
});

describe("findUnstorableInput", () => {
  it("finds nothing in a storable input", () => {
    expect(findUnstorableInput(lesson("Intro 🌱"))).toEqual([]);
  });

  it("names the dotted path of each unstorable string, in the input's order", () => {
    const input = { title: "A\u0000", body: { sections: [{ heading: "ok" }, { heading: "\uDC00" }] } };
    expect(findUnstorableInput(input)).toEqual([
      { path: "title", message: UNSTORABLE_TEXT_MESSAGE },
      { path: "body.sections.1.heading", message: UNSTORABLE_TEXT_MESSAGE },
    ]);
  });

  it("reports an unstorable object key at the object holding it", () => {
    expect(findUnstorableInput({ responses: { "q\u00001": { value: true } } })).toEqual([
      { path: "responses", message: UNSTORABLE_TEXT_MESSAGE },
    ]);
  });

  it("reports a string input itself at the empty path", () => {
    expect(findUnstorableInput("\u0000")).toEqual([{ path: "", message: UNSTORABLE_TEXT_MESSAGE }]);
  });

  it("looks inside Maps and Sets (superjson sends both)", () => {
    expect(findUnstorableInput({ m: new Map([["k", "\u0000"]]), s: new Set(["ok", "\uD800"]) })).toEqual([
      { path: "m.k", message: UNSTORABLE_TEXT_MESSAGE },
      { path: "s.1", message: UNSTORABLE_TEXT_MESSAGE },
    ]);
  });

  it("refuses nesting deeper than the limit once, without recursing (10,000 levels)", () => {
    let deep: unknown = "leaf";
    for (let i = 0; i < 10_000; i++) deep = [deep];
    const problems = findUnstorableInput({ body: deep });
    expect(problems).toHaveLength(1);
    expect(problems[0]?.message).toBe(INPUT_TOO_DEEP_MESSAGE);
    expect(problems[0]?.path.split(".")).toHaveLength(MAX_INPUT_DEPTH);
  });

  it("accepts nesting up to the limit", () => {
    let deep: unknown = "leaf";
    for (let i = 0; i < MAX_INPUT_DEPTH; i++) deep = [deep];
    expect(findUnstorableInput(deep)).toEqual([]);
  });

  it("stops after the given number of problems", () => {
    expect(
      findUnstorableInput(
        Array.from({ length: 100 }, () => "\u0000"),
        { maxProblems: 3 },
      ),
    ).toHaveLength(3);
  });
});
