import { describe, expect, it } from "vitest";
import { expiryFrom, latestExpiryInput, tomorrowInput } from "./expiry";

const NOW = new Date(2026, 11, 2, 15, 30);

describe("a new key's expiry", () => {
  it("is none for never", () => {
    expect(expiryFrom("never", "", NOW)).toBeNull();
  });

  it("is the number of days from now for 30, 90 and 365", () => {
    expect(expiryFrom("30", "", NOW)?.getTime()).toBe(NOW.getTime() + 30 * 86_400_000);
    expect(expiryFrom("365", "", NOW)?.getTime()).toBe(NOW.getTime() + 365 * 86_400_000);
  });

  it("is the end of the chosen day, in the browser's time zone", () => {
    expect(expiryFrom("date", "2027-01-15", NOW)).toEqual(new Date(2027, 0, 15, 23, 59, 59, 999));
  });

  it("is missing when a date was asked for but none picked", () => {
    expect(expiryFrom("date", "", NOW)).toBeUndefined();
  });

  it("offers dates from tomorrow to the last day within a year", () => {
    expect(tomorrowInput(NOW)).toBe("2026-12-03");
    expect(latestExpiryInput(NOW)).toBe("2027-12-01");
    const latest = expiryFrom("date", latestExpiryInput(NOW), NOW) as Date;
    expect(latest.getTime() - NOW.getTime()).toBeLessThanOrEqual(365 * 86_400_000);
  });
});
