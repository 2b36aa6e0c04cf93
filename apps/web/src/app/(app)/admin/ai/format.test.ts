import { describe, expect, it } from "vitest";
import { budgetPercent, formatDay, formatTokens } from "./format";

describe("the AI page's formats", () => {
  it("shows a UTC day as month and day, whatever the reader's zone", () => {
    expect(formatDay("2031-03-10")).toBe("Mar 10");
  });

  it("groups token counts by thousands", () => {
    expect(formatTokens(1234567)).toBe("1,234,567");
  });

  it("caps the budget bar at 100% and has none without a budget", () => {
    expect(budgetPercent(500, 2000)).toBe(25);
    expect(budgetPercent(5000, 2000)).toBe(100);
    expect(budgetPercent(500, null)).toBeNull();
  });
});
