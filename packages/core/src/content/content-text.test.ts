// The searchable text of a body is bounded, so the search document never exceeds PostgreSQL's
// 1 MB tsvector limit (the input fuzz's largest lesson, 50 full sections, was a 500).
import { describe, expect, it } from "vitest";
import { bodyToText, MAX_SEARCH_TEXT } from "./content-text";

const lesson = (markdown: string, sections = 1) => ({
  sections: Array.from({ length: sections }, (_, i) => ({ id: `s${i}`, heading: `H${i}`, markdown, media: [] })),
});

describe("bodyToText", () => {
  it("keeps a lesson's headings and text as they are when short", () => {
    expect(bodyToText("LESSON", lesson("**Cells** are small"))).toBe("H0\nCells are small");
  });

  it("keeps at most MAX_SEARCH_TEXT characters of a huge lesson, starting from its beginning", () => {
    const text = bodyToText("LESSON", lesson("word ".repeat(10_000), 50));
    expect(text).toHaveLength(MAX_SEARCH_TEXT);
    expect(text.startsWith("H0\nword word")).toBe(true);
  });

  it("never cuts an emoji in half at the limit", () => {
    // "H0\n" is 3 characters: the emoji's first half lands on the last kept position.
    const markdown = `${"a".repeat(MAX_SEARCH_TEXT - 4)}🌱${"b".repeat(100)}`;
    const text = bodyToText("LESSON", lesson(markdown));
    expect(text).toHaveLength(MAX_SEARCH_TEXT - 1);
    expect(text.endsWith("a")).toBe(true);
  });
});
