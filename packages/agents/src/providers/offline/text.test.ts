import { describe, expect, it } from "vitest";
import { clip, fleschKincaid, inSentence, keyTermOf, privacyIssues, scrubText, syllables } from "./text";

describe("text helpers", () => {
  it("takes the topic's first clause as its key term", () => {
    expect(keyTermOf("Photosynthesis, grade 7, 40 minutes, with a Roblox lab")).toBe("Photosynthesis");
    expect(keyTermOf("The water cycle with a Roblox lab")).toBe("The water cycle");
    expect(keyTermOf("Working with fractions")).toBe("Working with fractions");
    expect(keyTermOf("Fractions: adding unlike denominators")).toBe("Fractions");
  });

  it("lower-cases a key term inside a sentence unless it is a proper noun", () => {
    expect(inSentence("Photosynthesis")).toBe("photosynthesis");
    expect(inSentence("The American Revolution")).toBe("The American Revolution");
    expect(inSentence("DNA replication")).toBe("DNA replication");
  });

  it("clips on a word boundary with an ellipsis", () => {
    expect(clip("one two three four five", 14)).toBe("one two three…");
    expect(clip("short", 10)).toBe("short");
  });

  it("counts syllables well enough for reading-level estimates", () => {
    expect(syllables("cat")).toBe(1);
    expect(syllables("water")).toBe(2);
    expect(syllables("photosynthesis")).toBe(5);
  });

  it("scores simple text lower than complex text, ignoring the topic's own name", () => {
    const simple =
      "The cat sat on the mat. It was a big cat. The cat was red. We like the cat. It naps in the sun. It eats fish. It is fun.";
    const complex =
      "Comprehensive evaluation of heterogeneous methodological considerations necessitates sophisticated interdisciplinary collaboration, particularly regarding experimental reproducibility and statistical generalizability.";
    expect(fleschKincaid(simple) ?? 99).toBeLessThan(3);
    expect(fleschKincaid(`${complex} ${complex}`) ?? 0).toBeGreaterThan(15);
    const topical = "Photosynthesis helps plants. ".repeat(10);
    expect(fleschKincaid(topical, ["Photosynthesis"]) ?? 99).toBeLessThan(fleschKincaid(topical) ?? 0);
  });

  it("returns null for text too short to measure", () => {
    expect(fleschKincaid("Too short.")).toBeNull();
  });

  it("finds requests for personal information and contact details", () => {
    expect(privacyIssues("Tell us where you live.").map((i) => i.severity)).toEqual(["blocker"]);
    expect(privacyIssues("What is your phone number?").map((i) => i.severity)).toEqual(["blocker"]);
    expect(privacyIssues("Contact me at a@b.co or (555) 123-4567.").map((i) => i.severity)).toEqual([
      "warning",
      "warning",
    ]);
    expect(privacyIssues("The keynote address was at https://example.org.")).toEqual([]);
  });

  it("removes only the sentences with problems, keeping list markers", () => {
    const md = "## Exit ticket\n- Write your home address here. Then name one fact.\n- Draw a leaf.";
    expect(scrubText(md, 7)).toBe("## Exit ticket\n- Then name one fact.\n- Draw a leaf.");
    expect(scrubText("- Email us at a@b.co.", 7)).toBe("");
  });
});
