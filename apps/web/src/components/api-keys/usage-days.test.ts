import { describe, expect, it } from "vitest";
import { chartDays } from "./usage-days";

describe("the usage chart's bars", () => {
  it("split a day's requests into succeeded, errors and rate limited, adding up to the requests", () => {
    const [bar] = chartDays([{ day: "2026-12-01", requests: 10, errors: 4, limited: 1 }]);
    expect(bar).toEqual({ label: "Dec 1", ok: 6, failed: 3, limited: 1 });
  });

  it("label each bar with its UTC day", () => {
    expect(chartDays([{ day: "2026-12-31", requests: 0, errors: 0, limited: 0 }])[0]?.label).toBe("Dec 31");
  });
});
