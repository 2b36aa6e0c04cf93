import { describe, expect, it } from "vitest";
import { changeDirection, formatChange, formatDay, formatMetric } from "./format";

describe("how the metrics pages write numbers", () => {
  it("write counts whole, with thousands separators", () => {
    expect(formatMetric(1204.4)).toBe("1,204");
  });

  it("write rates and durations with one decimal and their unit", () => {
    expect(formatMetric(12.345, "percent")).toBe("12.3%");
    expect(formatMetric(3.25, "minutes")).toBe("3.3 min");
    expect(formatMetric(41, "ms")).toBe("41 ms");
  });

  it("write a missing value (nothing to average yet) as a dash, never as 0", () => {
    expect(formatMetric(null, "percent")).toBe("—");
  });

  it("sign a change and call a tiny one flat", () => {
    expect(formatChange(12.5)).toBe("+12.5%");
    expect(formatChange(-3)).toBe("-3%");
    expect(changeDirection(0.01)).toBe("flat");
    expect(changeDirection(-2)).toBe("down");
    expect(formatChange(null)).toBe("—");
  });

  it("label a trend's UTC day the same in every time zone", () => {
    expect(formatDay("2026-12-01")).toBe("Dec 1");
  });
});
