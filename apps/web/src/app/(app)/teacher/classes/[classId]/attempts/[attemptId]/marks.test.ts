import { describe, expect, it } from "vitest";
import { marksDiffer, marksText, pointsDiffer } from "./marks";

const rubric = [{ id: "cause" }, { id: "example" }];

describe("unsaved rubric marks", () => {
  it("a rubric never marked reads blank, and blanks are no change", () => {
    const q = { points: 0, rubric, rubricScores: null };
    expect(marksText(q)).toEqual({ cause: "", example: "" });
    expect(marksDiffer(q, { cause: "", example: "" })).toBe(false);
  });

  it("after a save with a criterion left blank, the form shows 0 and holds no change", () => {
    const saved = { points: 1, rubric, rubricScores: { cause: 1, example: 0 } };
    expect(marksText(saved)).toEqual({ cause: "1", example: "0" });
    expect(marksDiffer(saved, { cause: "1", example: "" })).toBe(false);
  });

  it("a mark typed as 1.50 is the saved 1.5", () => {
    const saved = { points: 1.5, rubric, rubricScores: { cause: 1.5, example: 0 } };
    expect(marksDiffer(saved, { cause: "1.50", example: "0" })).toBe(false);
  });

  it("a different mark is a change", () => {
    const saved = { points: 1, rubric, rubricScores: { cause: 1, example: 0 } };
    expect(marksDiffer(saved, { cause: "2", example: "0" })).toBe(true);
  });

  it("after going back to the automatic score the saved marks are gone, so the form reads blank again", () => {
    const automatic = { points: 0, rubric, rubricScores: null };
    expect(marksText(automatic)).toEqual({ cause: "", example: "" });
  });
});

describe("unsaved points", () => {
  it("points typed as 2.0 are the saved 2", () => {
    expect(pointsDiffer({ points: 2, rubric: null, rubricScores: null }, "2.0")).toBe(false);
  });

  it("other points are a change", () => {
    expect(pointsDiffer({ points: 2, rubric: null, rubricScores: null }, "1")).toBe(true);
  });
});
