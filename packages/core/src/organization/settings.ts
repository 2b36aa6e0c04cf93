// An organization's settings (the admin panel's Settings page): read by any admin, changed by an
// admin, each change audited with the fields it changed. The allowed email domains are enforced
// here too: `assertAllowedEmail` is what account creation, address changes and sign-in ask.
import type { Prisma, Role } from "@toolboxai/db";
import type { OrgSettings, OrgSettingsView, UpdateOrgSettings } from "@toolboxai/validators";
import { recordAudit } from "../audit/audit";
import type { ServiceContext } from "../context";
import { fieldError, forbidden, notFound } from "../errors";

const settingsSelect = {
  id: true,
  slug: true,
  plan: true,
  name: true,
  timeZone: true,
  gradeDisplay: true,
  allowedEmailDomains: true,
  retentionActivityDays: true,
  retentionAuditDays: true,
  retentionAgentIoDays: true,
  aiDailyTokenBudget: true,
  aiGenerateRoles: true,
  erasureGraceDays: true,
} satisfies Prisma.OrganizationSelect;

const SETTING_KEYS = [
  "name",
  "timeZone",
  "gradeDisplay",
  "allowedEmailDomains",
  "retentionActivityDays",
  "retentionAuditDays",
  "retentionAgentIoDays",
  "aiDailyTokenBudget",
  "aiGenerateRoles",
  "erasureGraceDays",
] as const satisfies readonly (keyof OrgSettings)[];

type Row = Prisma.OrganizationGetPayload<{ select: typeof settingsSelect }>;

function view(row: Row): OrgSettingsView {
  return {
    ...row,
    // The schema only holds the roles that may generate; anything else is not shown.
    aiGenerateRoles: row.aiGenerateRoles.filter((r): r is "ADMIN" | "TEACHER" => r === "ADMIN" || r === "TEACHER"),
  };
}

function requireAdmin(ctx: ServiceContext) {
  if (ctx.actor.role !== "ADMIN") throw forbidden("Only admins can see or change the organization's settings.");
}

/** The actor's organization's settings and its plan (read-only here). Admins only. */
export async function getOrgSettings(ctx: ServiceContext): Promise<OrgSettingsView> {
  requireAdmin(ctx);
  const row = await ctx.db.organization.findUnique({ where: { id: ctx.actor.orgId }, select: settingsSelect });
  if (!row) throw notFound("Organization");
  return view(row);
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * Changes the fields sent (a partial update) and records `organization.settings_updated` with each
 * changed field's old and new value. Sending the current values changes nothing and audits nothing.
 */
export async function updateOrgSettings(ctx: ServiceContext, input: UpdateOrgSettings): Promise<OrgSettingsView> {
  const before = await getOrgSettings(ctx);
  const changes: Record<string, { from: Prisma.InputJsonValue | null; to: Prisma.InputJsonValue | null }> = {};
  const data: Prisma.OrganizationUpdateInput = {};
  for (const key of SETTING_KEYS) {
    const sent = input[key];
    // Lists are sets: duplicates dropped, roles in one order (so a reorder is no change).
    const next =
      key === "allowedEmailDomains" && sent
        ? [...new Set(sent as string[])]
        : key === "aiGenerateRoles" && sent
          ? [...new Set(sent as string[])].sort()
          : sent;
    if (next === undefined || same(before[key], next)) continue;
    changes[key] = { from: before[key] as Prisma.InputJsonValue | null, to: next as Prisma.InputJsonValue | null };
    (data as Record<string, unknown>)[key] = key === "aiGenerateRoles" ? (next as Role[]) : next;
  }
  if (Object.keys(changes).length === 0) return before;
  if (changes.allowedEmailDomains) await refuseAdminLockout(ctx, changes.allowedEmailDomains.to as string[]);
  const row = await ctx.db.organization.update({ where: { id: ctx.actor.orgId }, data, select: settingsSelect });
  await recordAudit(ctx, {
    action: "organization.settings_updated",
    targetType: "Organization",
    targetId: ctx.actor.orgId,
    metadata: { changed: Object.keys(changes), changes },
  });
  return view(row);
}

/**
 * Refuses (INVALID, on `allowedEmailDomains`) a non-empty list of domains that leaves out the
 * address of an active admin of the organization (the acting admin's included): they could not
 * sign in again, and the school could be locked out of its own settings.
 */
async function refuseAdminLockout(ctx: ServiceContext, domains: readonly string[]) {
  if (domains.length === 0) return;
  const admins = await ctx.db.user.findMany({
    where: { organizationId: ctx.actor.orgId, role: "ADMIN", active: true, deletedAt: null },
    select: { email: true },
  });
  const locked = admins
    .map((a) => a.email)
    .filter((email) => !isAllowedEmail(domains, email))
    .sort();
  if (locked.length === 0) return;
  const shown = locked.slice(0, 5).join(", ") + (locked.length > 5 ? ` and ${locked.length - 5} more` : "");
  throw fieldError(
    "INVALID",
    "allowedEmailDomains",
    `${locked.length === 1 ? "1 admin" : `${locked.length} admins`} could no longer sign in with these domains (${shown}). Add ${locked.length === 1 ? "their domain" : "their domains"} or change ${locked.length === 1 ? "that address" : "those addresses"} first.`,
  );
}

/** The domain part of an address, lower-cased (`Ann@School.EDU` -> `school.edu`). */
export function emailDomainOf(email: string): string {
  return email
    .slice(email.lastIndexOf("@") + 1)
    .trim()
    .toLowerCase();
}

/** Whether `email` may be used with these allowed domains (any address when the list is empty). */
export function isAllowedEmail(allowedEmailDomains: readonly string[], email: string): boolean {
  if (allowedEmailDomains.length === 0) return true;
  return allowedEmailDomains.includes(emailDomainOf(email));
}

/** Something that can read an organization (the scoped or the raw client). */
interface OrganizationReader {
  organization: {
    findUnique(args: {
      where: { id: string };
      select: { allowedEmailDomains: true };
    }): Promise<{ allowedEmailDomains: string[] } | null>;
  };
}

/**
 * Refuses (INVALID, on the `email` field) an address outside the organization's allowed email
 * domains. Nothing is refused while the list is empty. `org` is the organization's id with a client
 * to read it, or its already-read list of domains.
 */
export async function assertAllowedEmail(
  org: { db: OrganizationReader; orgId: string } | { allowedEmailDomains: readonly string[] },
  email: string,
  field = "email",
): Promise<void> {
  const domains =
    "allowedEmailDomains" in org
      ? org.allowedEmailDomains
      : ((
          await org.db.organization.findUnique({
            where: { id: org.orgId },
            select: { allowedEmailDomains: true },
          })
        )?.allowedEmailDomains ?? []);
  if (isAllowedEmail(domains, email)) return;
  const list = domains.map((d) => `@${d}`).join(", ");
  throw fieldError(
    "INVALID",
    field,
    `Your school only allows addresses ending in ${list}. Use an address at ${domains.length === 1 ? "that domain" : "one of those domains"}.`,
  );
}
