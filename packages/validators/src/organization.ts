// An organization's settings: the admin panel's Settings page, and what the agents, the retention
// job and account creation read. One schema for the form, the router and REST.
import { z } from "zod";
import { roleSchema } from "./common";

export const planTierSchema = z.enum(["FREE", "BASIC", "PREMIUM", "ENTERPRISE"]);
/** Roles a setting may allow to start AI generation. */
export const generateRoleSchema = roleSchema.extract(["ADMIN", "TEACHER"]);
export const gradeDisplaySchema = z.enum(["PERCENT", "POINTS", "LETTER"]);
export type GradeDisplay = z.infer<typeof gradeDisplaySchema>;

/** `school.edu`, `k12.example.org`: lower-case host names without `@`. */
export const emailDomainSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/, {
    error: "Enter a domain such as school.edu (no @, no spaces)",
  });

/** Days to keep a kind of record; null keeps it forever. */
const retentionDaysSchema = z.number().int().min(1).max(3650).nullable();
/** Audit rows are the school's record of who did what: at least a year, or forever (null). */
export const MIN_AUDIT_RETENTION_DAYS = 365;
const auditRetentionDaysSchema = z
  .number()
  .int()
  .min(MIN_AUDIT_RETENTION_DAYS, { error: `Keep audit rows for at least ${MIN_AUDIT_RETENTION_DAYS} days` })
  .max(3650)
  .nullable();

/**
 * Whether the runtime knows `zone` as a time zone (any name it accepts, aliases such as
 * `Asia/Calcutta` and newer names such as `Europe/Kyiv` included, not only its canonical list).
 */
export function isValidTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/**
 * The settings' fields as stored, unchecked where a stored value may outlive a rule: the time zone
 * (an ICU upgrade renames zones) and the audit period (set before its minimum was raised).
 */
const orgSettingsShape = {
  name: z.string().trim().min(2).max(120),
  /** IANA zone name. */
  timeZone: z.string().trim(),
  gradeDisplay: gradeDisplaySchema,
  allowedEmailDomains: z.array(emailDomainSchema).max(50),
  retentionActivityDays: retentionDaysSchema,
  retentionAuditDays: retentionDaysSchema,
  retentionAgentIoDays: retentionDaysSchema,
  /** Model tokens per UTC day for the whole organization; null: no budget. */
  aiDailyTokenBudget: z.number().int().min(1000).max(1_000_000_000).nullable(),
  /** Roles that may start AI generation. */
  aiGenerateRoles: z.array(generateRoleSchema).max(2),
  erasureGraceDays: z.number().int().min(0).max(365),
};

export const orgSettingsSchema = z
  .object({
    ...orgSettingsShape,
    /** IANA zone name the runtime accepts (`new Intl.DateTimeFormat(..., { timeZone })` does not throw). */
    timeZone: orgSettingsShape.timeZone.refine(isValidTimeZone, { error: "Choose a time zone from the list" }),
    retentionAuditDays: auditRetentionDaysSchema,
  })
  .meta({ id: "OrganizationSettings" });
export type OrgSettings = z.infer<typeof orgSettingsSchema>;

/**
 * What the settings page and `GET /organization/settings` show: the settings and the read-only plan.
 * Stored values are shown as they are: a zone the runtime no longer knows (renamed by an ICU
 * upgrade), or an audit period below today's minimum, must not make reading the settings fail.
 */
export const orgSettingsViewSchema = z
  .object(orgSettingsShape)
  .extend({ id: z.string(), slug: z.string(), plan: planTierSchema })
  .meta({
    id: "OrganizationSettingsView",
    examples: [
      {
        id: "cm0org00000000000000000001",
        slug: "lincoln-middle",
        plan: "BASIC",
        name: "Lincoln Middle School",
        timeZone: "America/Chicago",
        gradeDisplay: "PERCENT",
        allowedEmailDomains: ["lincoln.school.example"],
        retentionActivityDays: 365,
        retentionAuditDays: 730,
        retentionAgentIoDays: 90,
        aiDailyTokenBudget: 200000,
        aiGenerateRoles: ["ADMIN", "TEACHER"],
        erasureGraceDays: 30,
      },
    ],
  });
export type OrgSettingsView = z.infer<typeof orgSettingsViewSchema>;

/** A partial update: only the fields sent change. */
export const updateOrgSettingsSchema = orgSettingsSchema.partial().meta({
  id: "UpdateOrganizationSettings",
  examples: [{ timeZone: "America/Chicago", allowedEmailDomains: ["school.example"], retentionActivityDays: 365 }],
});
export type UpdateOrgSettings = z.infer<typeof updateOrgSettingsSchema>;
