// The audit page's URL filters: what a shared link means, and the days read in the organization's
// time zone (so "to 2 December" in Paris ends at 23:59:59.999 Paris time).
import { describe, expect, it } from "vitest";
import {
  auditListInput,
  auditQueryString,
  detailsSummary,
  formatInZone,
  readAuditParams,
  zonedDayBound,
} from "./audit-params";

describe("readAuditParams", () => {
  it("keeps the known filters and drops blanks, unknown names, bad days and bad pages", () => {
    const params = readAuditParams(
      new URLSearchParams("action=user.created&q=%20&from=2026-12-01&to=yesterday&page=0&evil=1&correlationId=abc"),
    );
    expect(params).toEqual({ action: "user.created", from: "2026-12-01", correlationId: "abc" });
  });

  it("reads a server page's searchParams object (the first of repeated values)", () => {
    expect(readAuditParams({ actorId: ["u1", "u2"], page: "3" })).toEqual({ actorId: "u1", page: "3" });
  });
});

describe("auditQueryString", () => {
  it("writes the filters in a stable order, and nothing for none", () => {
    expect(auditQueryString({ page: "2", action: "auth.sign_in" })).toBe("?action=auth.sign_in&page=2");
    expect(auditQueryString({})).toBe("");
  });
});

describe("zonedDayBound", () => {
  it("starts and ends a day in UTC", () => {
    expect(zonedDayBound("2026-12-02", "UTC", false).toISOString()).toBe("2026-12-02T00:00:00.000Z");
    expect(zonedDayBound("2026-12-02", "UTC", true).toISOString()).toBe("2026-12-02T23:59:59.999Z");
  });

  it("starts and ends a day in the organization's time zone", () => {
    expect(zonedDayBound("2026-12-02", "Europe/Paris", false).toISOString()).toBe("2026-12-01T23:00:00.000Z");
    expect(zonedDayBound("2026-07-02", "America/New_York", true).toISOString()).toBe("2026-07-03T03:59:59.999Z");
  });
});

describe("auditListInput", () => {
  it("turns the URL's days into moments and its text into the search, with the page", () => {
    const input = auditListInput({ from: "2026-12-01", to: "2026-12-01", q: "sign", page: "2" }, "UTC");
    expect(input).toEqual({
      from: new Date("2026-12-01T00:00:00.000Z"),
      to: new Date("2026-12-01T23:59:59.999Z"),
      search: "sign",
      page: 2,
      pageSize: 25,
    });
  });

  it("reads the days in UTC when the time zone is unknown", () => {
    const input = auditListInput({ from: "2026-12-01" }, "Not/AZone");
    expect(input.from).toEqual(new Date("2026-12-01T00:00:00.000Z"));
  });
});

describe("formatInZone", () => {
  it("names the time zone it shows", () => {
    expect(formatInZone(new Date("2026-12-02T14:05:09Z"), "UTC")).toMatch(/^Dec 2, 2026, 2:05:09\sPM UTC$/);
  });
});

describe("detailsSummary", () => {
  it("shows changes as from → to and leaves out the transport's ids", () => {
    expect(detailsSummary({ name: { from: "Ann", to: "Anne" }, requestId: "r1", sessionId: "s1", count: 2 })).toBe(
      "name: Ann → Anne · count: 2",
    );
  });

  it("cuts a long summary with an ellipsis", () => {
    expect(detailsSummary({ note: "x".repeat(300) }, 20)).toHaveLength(20);
  });
});
