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

export const orgSettingsSchema = z
  .object({
    name: z.string().trim().min(2).max(120),
    /** IANA zone name, checked against the runtime's list (`Intl.supportedValuesOf("timeZone")`). */
    timeZone: z
      .string()
      .trim()
      .refine((zone) => zone === "UTC" || Intl.supportedValuesOf("timeZone").includes(zone), {
        error: "Choose a time zone from the list",
      }),
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
  })
  .meta({ id: "OrganizationSettings" });
export type OrgSettings = z.infer<typeof orgSettingsSchema>;

/** What the settings page and `GET /organization/settings` show: the settings and the read-only plan. */
export const orgSettingsViewSchema = orgSettingsSchema
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
