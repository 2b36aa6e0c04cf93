// The organization settings' schemas: the audit log's minimum retention, and time zones checked by
// what the runtime accepts (not its canonical list) on input only.
import { describe, expect, it } from "vitest";
import { isValidTimeZone, orgSettingsViewSchema, updateOrgSettingsSchema } from "./organization";

const view = {
  id: "org1",
  slug: "alpha",
  plan: "FREE",
  name: "Alpha School",
  timeZone: "UTC",
  gradeDisplay: "PERCENT",
  allowedEmailDomains: [],
  retentionActivityDays: 365,
  retentionAuditDays: 730,
  retentionAgentIoDays: 90,
  aiDailyTokenBudget: null,
  aiGenerateRoles: ["ADMIN", "TEACHER"],
  erasureGraceDays: 30,
} as const;

describe("audit log retention", () => {
  it("refuses keeping audit rows for less than 365 days, with a message saying so", () => {
    const r = updateOrgSettingsSchema.safeParse({ retentionAuditDays: 1 });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]).toMatchObject({
      path: ["retentionAuditDays"],
      message: "Keep audit rows for at least 365 days",
    });
    expect(updateOrgSettingsSchema.safeParse({ retentionAuditDays: 364 }).success).toBe(false);
  });

  it("accepts 365 days or more, and null (keep forever)", () => {
    expect(updateOrgSettingsSchema.parse({ retentionAuditDays: 365 }).retentionAuditDays).toBe(365);
    expect(updateOrgSettingsSchema.parse({ retentionAuditDays: null }).retentionAuditDays).toBeNull();
  });

  it("shows a stored audit period below the minimum instead of failing the read", () => {
    expect(orgSettingsViewSchema.parse({ ...view, retentionAuditDays: 30 }).retentionAuditDays).toBe(30);
  });

  it("keeps the other periods' minimum of one day", () => {
    expect(updateOrgSettingsSchema.parse({ retentionActivityDays: 1, retentionAgentIoDays: 1 })).toEqual({
      retentionActivityDays: 1,
      retentionAgentIoDays: 1,
    });
  });
});

describe("time zones", () => {
  it("accepts any zone the runtime can format in, aliases and new names included", () => {
    for (const zone of ["UTC", "America/Chicago", "Asia/Kolkata", "Asia/Calcutta", "Europe/Kyiv", "Europe/Kiev"]) {
      expect(isValidTimeZone(zone), zone).toBe(true);
      expect(updateOrgSettingsSchema.safeParse({ timeZone: zone }).success, zone).toBe(true);
    }
  });

  it("refuses a name that is no time zone, on the timeZone field", () => {
    expect(isValidTimeZone("Mars/Olympus")).toBe(false);
    const r = updateOrgSettingsSchema.safeParse({ timeZone: "Mars/Olympus" });
    expect(r.error?.issues[0]).toMatchObject({ path: ["timeZone"], message: "Choose a time zone from the list" });
  });

  it("shows a stored zone the runtime no longer knows instead of failing the read", () => {
    expect(orgSettingsViewSchema.parse({ ...view, timeZone: "Mars/Olympus" }).timeZone).toBe("Mars/Olympus");
  });
});
