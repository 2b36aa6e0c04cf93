import { describe, expect, it } from "vitest";
import { drawQuestions, gradeResponse, seededRandom, withinTolerance } from "./grading";

const single = { type: "SINGLE_CHOICE", points: 2, answer: { correct: ["b"] } };
const multiple = { type: "MULTIPLE_CHOICE", points: 3, answer: { correct: ["a", "c"] } };
const trueFalse = { type: "TRUE_FALSE", points: 1, answer: { value: false } };
const short = { type: "SHORT_ANSWER", points: 2, answer: { accepted: ["Marie Curie", "Curie"], caseSensitive: false } };
const shortCase = { type: "SHORT_ANSWER", points: 1, answer: { accepted: ["NaCl"], caseSensitive: true } };
const numeric = { type: "NUMERIC", points: 4, answer: { value: 9.81, tolerance: 0.01 } };

const right = (points: number) => ({ correct: true, points, maxPoints: points });
const wrong = (maxPoints: number) => ({ correct: false, points: 0, maxPoints });

describe("gradeResponse: single choice", () => {
  it("accepts exactly the correct option", () => {
    expect(gradeResponse(single, { selected: ["b"] })).toEqual(right(2));
  });
  it("refuses another option, an empty selection and more than one option", () => {
    expect(gradeResponse(single, { selected: ["a"] })).toEqual(wrong(2));
    expect(gradeResponse(single, { selected: [] })).toEqual(wrong(2));
    expect(gradeResponse(single, { selected: ["b", "a"] })).toEqual(wrong(2));
  });
});

describe("gradeResponse: multiple choice (all or nothing)", () => {
  it("accepts the exact set in any order", () => {
    expect(gradeResponse(multiple, { selected: ["c", "a"] })).toEqual(right(3));
  });
  it("gives nothing for a subset, an extra option or an empty selection", () => {
    expect(gradeResponse(multiple, { selected: ["a"] })).toEqual(wrong(3));
    expect(gradeResponse(multiple, { selected: ["a", "b", "c"] })).toEqual(wrong(3));
    expect(gradeResponse(multiple, { selected: ["a", "c", "zzz"] })).toEqual(wrong(3));
    expect(gradeResponse(multiple, { selected: [] })).toEqual(wrong(3));
  });
  it("ignores a repeated option in the response", () => {
    expect(gradeResponse(multiple, { selected: ["a", "c", "a"] })).toEqual(right(3));
  });
});

describe("gradeResponse: true/false", () => {
  it("compares the boolean", () => {
    expect(gradeResponse(trueFalse, { value: false })).toEqual(right(1));
    expect(gradeResponse(trueFalse, { value: true })).toEqual(wrong(1));
  });
  it("does not accept a string that looks like a boolean", () => {
    expect(gradeResponse(trueFalse, { value: "false" })).toEqual(wrong(1));
  });
});

describe("gradeResponse: short answer", () => {
  it("trims, collapses inner whitespace and ignores case by default", () => {
    expect(gradeResponse(short, { text: "  marie   CURIE \n" })).toEqual(right(2));
    expect(gradeResponse(short, { text: "curie" })).toEqual(right(2));
  });
  it("refuses other answers and empty text", () => {
    expect(gradeResponse(short, { text: "Pierre Curie" })).toEqual(wrong(2));
    expect(gradeResponse(short, { text: "   " })).toEqual(wrong(2));
    expect(gradeResponse(short, { text: "MarieCurie" })).toEqual(wrong(2));
  });
  it("respects case when the key is case-sensitive", () => {
    expect(gradeResponse(shortCase, { text: " NaCl " })).toEqual(right(1));
    expect(gradeResponse(shortCase, { text: "nacl" })).toEqual(wrong(1));
  });
});

describe("gradeResponse: numeric", () => {
  it("accepts values inside the tolerance, boundary included", () => {
    expect(gradeResponse(numeric, { number: 9.81 })).toEqual(right(4));
    expect(gradeResponse(numeric, { number: 9.82 })).toEqual(right(4));
    expect(gradeResponse(numeric, { number: 9.8 })).toEqual(right(4));
  });
  it("refuses values just outside the tolerance", () => {
    expect(gradeResponse(numeric, { number: 9.8201 })).toEqual(wrong(4));
    expect(gradeResponse(numeric, { number: 9.7999 })).toEqual(wrong(4));
  });
  it("is safe from float rounding (0.1 + 0.2 with no tolerance, 1.1 +/- 0.2)", () => {
    const exact = { type: "NUMERIC", points: 1, answer: { value: 0.3, tolerance: 0 } };
    expect(gradeResponse(exact, { number: 0.1 + 0.2 }).correct).toBe(true);
    expect(withinTolerance(0.9, 1.1, 0.2)).toBe(true);
    expect(withinTolerance(1.3, 1.1, 0.2)).toBe(true);
    expect(withinTolerance(1.31, 1.1, 0.2)).toBe(false);
  });
  it("handles negative numbers on both sides of the answer", () => {
    const negative = { type: "NUMERIC", points: 1, answer: { value: -40, tolerance: 0.5 } };
    expect(gradeResponse(negative, { number: -40.5 }).correct).toBe(true);
    expect(gradeResponse(negative, { number: -39.5 }).correct).toBe(true);
    expect(gradeResponse(negative, { number: 40 }).correct).toBe(false);
    expect(gradeResponse(negative, { number: -41 }).correct).toBe(false);
  });
  it("treats a missing tolerance as exact", () => {
    const noTolerance = { type: "NUMERIC", points: 1, answer: { value: 7 } };
    expect(gradeResponse(noTolerance, { number: 7 }).correct).toBe(true);
    expect(gradeResponse(noTolerance, { number: 7.001 }).correct).toBe(false);
  });
  it("does not accept numeric strings, NaN or Infinity", () => {
    expect(gradeResponse(numeric, { number: "9.81" })).toEqual(wrong(4));
    expect(gradeResponse(numeric, { number: Number.NaN })).toEqual(wrong(4));
    expect(gradeResponse(numeric, { number: Number.POSITIVE_INFINITY })).toEqual(wrong(4));
  });
});

describe("gradeResponse: malformed input never throws", () => {
  const questions = [single, multiple, trueFalse, short, numeric];
  const responses: unknown[] = [
    undefined,
    null,
    42,
    "b",
    [],
    ["b"],
    {},
    { selected: "b" },
    { selected: [1, 2] },
    { value: 1 },
    { text: 5 },
    { number: null },
  ];
  it.each(questions.map((q) => [q.type, q] as const))("%s scores 0 for every wrong shape", (_, question) => {
    for (const response of responses) {
      expect(gradeResponse(question, response)).toEqual(wrong(question.points));
    }
  });
  it("a response of another type's shape is incorrect", () => {
    expect(gradeResponse(single, { value: true }).correct).toBe(false);
    expect(gradeResponse(numeric, { text: "9.81" }).correct).toBe(false);
    expect(gradeResponse(short, { selected: ["Curie"] }).correct).toBe(false);
  });
  it("a broken stored key or an unknown type scores 0 instead of throwing", () => {
    expect(gradeResponse({ type: "SINGLE_CHOICE", points: 1, answer: null }, { selected: ["a"] }).correct).toBe(false);
    expect(
      gradeResponse({ type: "MULTIPLE_CHOICE", points: 1, answer: { correct: [] } }, { selected: [] }).correct,
    ).toBe(false);
    expect(gradeResponse({ type: "ESSAY", points: 1, answer: {} }, { text: "x" })).toEqual(wrong(1));
    const trap = {
      get selected(): string[] {
        throw new Error("boom");
      },
    };
    expect(gradeResponse(single, trap)).toEqual(wrong(2));
  });
});

describe("drawQuestions", () => {
  const pool = ["q1", "q2", "q3", "q4", "q5", "q6"];

  it("draws N distinct questions from the pool", () => {
    const drawn = drawQuestions({ pool, count: 4, random: seededRandom(1) });
    expect(drawn).toHaveLength(4);
    expect(new Set(drawn).size).toBe(4);
    for (const id of drawn) expect(pool).toContain(id);
  });

  it("is deterministic for a seed, whatever the pool's order", () => {
    const a = drawQuestions({ pool, count: 3, random: seededRandom(42) });
    const b = drawQuestions({ pool: [...pool].reverse(), count: 3, random: seededRandom(42) });
    expect(a).toEqual(b);
    const many = new Set(
      Array.from({ length: 20 }, (_, s) => drawQuestions({ pool, count: 3, random: seededRandom(s) }).join()),
    );
    expect(many.size).toBeGreaterThan(1);
  });

  it("avoids questions seen in earlier attempts while the pool allows it", () => {
    for (let seed = 0; seed < 25; seed++) {
      const drawn = drawQuestions({ pool, count: 3, seen: ["q1", "q2", "q3"], random: seededRandom(seed) });
      expect(drawn.sort()).toEqual(["q4", "q5", "q6"]);
    }
  });

  it("repeats only as many seen questions as needed when the pool is too small", () => {
    const drawn = drawQuestions({ pool, count: 5, seen: ["q1", "q2", "q3", "q4"], random: seededRandom(7) });
    expect(drawn).toHaveLength(5);
    expect(drawn).toEqual(expect.arrayContaining(["q5", "q6"]));
    expect(drawn.filter((id) => ["q1", "q2", "q3", "q4"].includes(id))).toHaveLength(3);
  });

  it("may repeat freely when avoidRepeats is off", () => {
    const seen = ["q1", "q2", "q3"];
    const draws = Array.from({ length: 30 }, (_, s) =>
      drawQuestions({ pool, count: 3, seen, avoidRepeats: false, random: seededRandom(s) }),
    );
    expect(draws.some((d) => d.some((id) => seen.includes(id)))).toBe(true);
  });

  it("returns the whole pool when asked for more, ignores duplicates, and handles empty input", () => {
    expect(drawQuestions({ pool: ["a", "b", "a"], count: 10, random: seededRandom(3) }).sort()).toEqual(["a", "b"]);
    expect(drawQuestions({ pool: [], count: 3 })).toEqual([]);
    expect(drawQuestions({ pool, count: 0 })).toEqual([]);
  });
});
