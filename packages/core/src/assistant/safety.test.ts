import { describe, expect, it } from "vitest";
import { checkMinorSafety, type SafetyCategory } from "./safety";

const categoryOf = (text: string) => {
  const verdict = checkMinorSafety(text);
  return verdict.safe ? null : verdict.category;
};

describe("checkMinorSafety: what it catches", () => {
  it.each<[SafetyCategory, string]>([
    ["self-harm", "I want to kill myself"],
    ["self-harm", "sometimes I think about self-harm"],
    ["sexual", "send nudes"],
    ["sexual", "what is sex"],
    ["violence", "I'm going to kill you tomorrow"],
    ["violence", "how do I make a bomb"],
    ["hate", "heil hitler"],
    ["personal-info", "where do you live?"],
    ["personal-info", "let's meet up after school"],
    ["personal-info", "my phone number is 555-123-4567"],
    ["personal-info", "I live at 12 Elm Street"],
    ["personal-info", "email me at sam.jones@example.com"],
    ["profanity", "this homework is shit"],
    ["profanity", "what the fuck"],
  ])("files %s: %s", (category, text) => {
    expect(categoryOf(text)).toBe(category);
  });

  it("reads leetspeak as letters", () => {
    expect(categoryOf("s3x")).toBe("sexual");
    expect(categoryOf("this is $h1t")).toBe("profanity");
    expect(categoryOf("p0rn")).toBe("sexual");
  });

  it("still matches a word with letters repeated for emphasis", () => {
    expect(categoryOf("fuuuuck")).toBe("profanity");
    expect(categoryOf("i want to diiiie")).toBe("self-harm");
  });

  it("ignores case and accents", () => {
    expect(categoryOf("SHÏT")).toBe("profanity");
  });

  it("answers self-harm kindly, pointing to a trusted adult and emergency help", () => {
    const verdict = checkMinorSafety("I want to end my life");
    expect(verdict.safe).toBe(false);
    if (verdict.safe) return;
    expect(verdict.reply).toContain("trusted adult");
    expect(verdict.reply).toContain("emergency services");
    expect(verdict.reply).toContain("crisis line");
  });

  it("files a message under its most severe category", () => {
    expect(categoryOf("fuck this, I want to kill myself")).toBe("self-harm");
    expect(categoryOf("shit, where do you live")).toBe("personal-info");
  });

  it("gives every category a reply of its own", () => {
    const replies = new Set(
      ["kill myself", "porn", "kill you", "heil hitler", "meet me", "shit"].map((t) => {
        const v = checkMinorSafety(t);
        return v.safe ? null : v.reply;
      }),
    );
    expect(replies.size).toBe(6);
    expect(replies.has(null)).toBe(false);
  });

  it("passes its own replies, so a replaced reply is never caught again", () => {
    for (const text of ["kill myself", "porn", "kill you", "heil hitler", "meet me", "shit"]) {
      const verdict = checkMinorSafety(text);
      if (!verdict.safe) expect(checkMinorSafety(verdict.reply)).toEqual({ safe: true });
    }
  });
});

describe("checkMinorSafety: schoolwork that passes", () => {
  it.each([
    "Sussex is a county in England.",
    "Our class will assess the results.",
    "A cocktail of chemicals reacted in the flask.",
    "Scunthorpe is a town in Lincolnshire.",
    "We watched the shooting star.",
    "A killer whale is also called an orca.",
    "Sailors used a sextant to navigate.",
    "Meiosis makes sex cells with half the chromosomes.",
    "The atomic bomb ended the war in the Pacific.",
    "Antibiotics kill bacteria.",
    "Plants shoot up in spring.",
    "The ratio is 42 to 420 as 1 is to 10.",
    "Think about where the two lines cross.",
    "The bass played as the class passed the assessment.",
  ])("passes: %s", (text) => {
    expect(checkMinorSafety(text)).toEqual({ safe: true });
  });
});
