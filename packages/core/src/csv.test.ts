import { describe, expect, it } from "vitest";
import { neutralizeCsvCell, toCsv } from "./csv";

describe("toCsv: formula injection (OWASP)", () => {
  it.each(["=1+2", "+1", "-1", "@SUM(A1:A2)", "\t=1", "\r=1"])("prefixes %j with a single quote", (text) => {
    expect(neutralizeCsvCell(text)).toBe(`'${text}`);
  });

  it.each(["Ava Johnson", "1-2", "a=b", "", " =1", "'quoted"])("leaves %j as it is", (text) => {
    expect(neutralizeCsvCell(text)).toBe(text);
  });

  it("writes numbers as numbers, negative ones included, and empty cells for null and undefined", () => {
    expect(toCsv([[-5, 66.7, null, undefined, Number.NaN]])).toBe("-5,66.7,,,\n");
  });

  it("quotes a neutralized cell and doubles its quotes, so a spreadsheet reads it back whole", () => {
    expect(toCsv([['=HYPERLINK("http://evil","x")', "ok"]])).toBe(`"'=HYPERLINK(""http://evil"",""x"")",ok\n`);
  });
});
