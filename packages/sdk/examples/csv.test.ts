import { describe, expect, it } from "vitest";
import { readCsv } from "./csv";

describe("the roster example's CSV reader", () => {
  it("keys each row by the header's names, lower-cased and trimmed", () => {
    expect(readCsv("Name , EMAIL\nAva Chen,ava@school.test\n")).toEqual([
      { name: "Ava Chen", email: "ava@school.test" },
    ]);
  });

  it("reads quoted cells with commas, doubled quotes and line breaks", () => {
    expect(readCsv('name,email\n"Chen, Ava ""Ace""",ava@school.test\n"Two\nLines",x@school.test')).toEqual([
      { name: 'Chen, Ava "Ace"', email: "ava@school.test" },
      { name: "Two\nLines", email: "x@school.test" },
    ]);
  });

  it("accepts Windows line endings and skips blank lines", () => {
    expect(readCsv("name,email\r\n\r\nAva,ava@school.test\r\n")).toEqual([{ name: "Ava", email: "ava@school.test" }]);
  });

  it("gives missing trailing cells as empty strings", () => {
    expect(readCsv("name,email\nAva\n")).toEqual([{ name: "Ava", email: "" }]);
  });
});
