// Reading the audit log (admins, through the `audit` router): a filtered page, newest first; the
// same filters as a CSV file; the filter bar's choices (the actions and target types the log
// holds, the organization's time zone); and the people picker. Every read goes through the
// tenant-scoped client, so an organization only ever reads its own log.
import type { Prisma } from "@toolboxai/db";
import {
  type AuditEntryView,
  type AuditFilter,
  type AuditFilters,
  type AuditList,
  type AuditPerson,
  auditActionLabel,
} from "@toolboxai/validators";
import type { ExportFile } from "../analytics/export-file";
import { slugPart } from "../analytics/export-file";
import type { ServiceContext } from "../context";
import { toCsv } from "../csv";
import { notFound } from "../errors";

/** The most rows one CSV export holds (newest first); narrow the filters for older ones. */
export const AUDIT_CSV_MAX_ROWS = 50_000;

const auditSelect = {
  id: true,
  createdAt: true,
  action: true,
  targetType: true,
  targetId: true,
  metadata: true,
  correlationId: true,
  actor: { select: { id: true, name: true, email: true } },
} satisfies Prisma.AuditLogSelect;

type AuditRow = Prisma.AuditLogGetPayload<{ select: typeof auditSelect }>;

function auditWhere(input: AuditFilter): Prisma.AuditLogWhereInput {
  const search = input.search || undefined;
  const contains = (value: string) => ({ contains: value, mode: "insensitive" as const });
  return {
    ...(input.actorId ? { actorId: input.actorId } : {}),
    ...(input.action ? { action: input.action } : {}),
    ...(input.targetType ? { targetType: input.targetType } : {}),
    ...(input.targetId ? { targetId: input.targetId } : {}),
    ...(input.correlationId ? { correlationId: input.correlationId } : {}),
    ...(input.from || input.to
      ? { createdAt: { ...(input.from ? { gte: input.from } : {}), ...(input.to ? { lte: input.to } : {}) } }
      : {}),
    ...(search
      ? {
          OR: [
            { action: contains(search) },
            { targetType: contains(search) },
            { targetId: contains(search) },
            { correlationId: contains(search) },
            { actor: { name: contains(search) } },
            { actor: { email: contains(search) } },
          ],
        }
      : {}),
  };
}

function toEntry(row: AuditRow): AuditEntryView {
  const metadata =
    row.metadata && typeof row.metadata === "object" && !Array.isArray(row.metadata)
      ? (row.metadata as Record<string, unknown>)
      : {};
  return {
    id: row.id,
    createdAt: row.createdAt,
    action: row.action,
    actor: row.actor,
    targetType: row.targetType,
    targetId: row.targetId,
    metadata,
    correlationId: row.correlationId,
    requestId: typeof metadata.requestId === "string" ? metadata.requestId : null,
  };
}

const newestFirst = [{ createdAt: "desc" }, { id: "desc" }] satisfies Prisma.AuditLogOrderByWithRelationInput[];

/** One page of the organization's log, newest first. */
export async function listAudit(
  ctx: ServiceContext,
  input: AuditFilter & { page: number; pageSize: number },
): Promise<AuditList> {
  const where = auditWhere(input);
  const [total, rows] = await Promise.all([
    ctx.db.auditLog.count({ where }),
    ctx.db.auditLog.findMany({
      where,
      select: auditSelect,
      orderBy: newestFirst,
      skip: (input.page - 1) * input.pageSize,
      take: input.pageSize,
    }),
  ]);
  return {
    items: rows.map(toEntry),
    total,
    page: input.page,
    pageSize: input.pageSize,
    pageCount: Math.max(1, Math.ceil(total / input.pageSize)),
  };
}

export const AUDIT_CSV_HEADER = [
  "time (UTC)",
  "actor",
  "email",
  "action",
  "what",
  "target type",
  "target id",
  "correlation id",
  "request id",
  "details",
] as const;

/** The filtered log as CSV text (a header row, then newest first), at most AUDIT_CSV_MAX_ROWS rows. */
export async function auditCsv(ctx: ServiceContext, input: AuditFilter): Promise<string> {
  const rows = await ctx.db.auditLog.findMany({
    where: auditWhere(input),
    select: auditSelect,
    orderBy: newestFirst,
    take: AUDIT_CSV_MAX_ROWS,
  });
  return toCsv([
    AUDIT_CSV_HEADER,
    ...rows
      .map(toEntry)
      .map((e) => [
        e.createdAt.toISOString(),
        e.actor?.name,
        e.actor?.email,
        e.action,
        auditActionLabel(e.action),
        e.targetType,
        e.targetId,
        e.correlationId,
        e.requestId,
        JSON.stringify(e.metadata),
      ]),
  ]);
}

/**
 * The filtered log as a CSV download (with a BOM, so spreadsheets read UTF-8):
 * `audit-log-alpha-2026-12-02.csv`, named for the organization and the UTC day.
 */
export async function exportAuditCsv(ctx: ServiceContext, input: AuditFilter): Promise<ExportFile> {
  const [org, csv] = await Promise.all([
    ctx.db.organization.findUnique({ where: { id: ctx.actor.orgId }, select: { slug: true } }),
    auditCsv(ctx, input),
  ]);
  const day = new Date().toISOString().slice(0, 10);
  return {
    filename: `audit-log-${slugPart(org?.slug ?? "", "organization")}-${day}.csv`,
    contentType: "text/csv; charset=utf-8",
    body: new TextEncoder().encode(`\uFEFF${csv}`),
  };
}

/** The filter bar's choices: every action and target type in the organization's log, and its time zone. */
export async function auditFilters(ctx: ServiceContext): Promise<AuditFilters> {
  const [org, actions, targetTypes] = await Promise.all([
    ctx.db.organization.findUnique({
      where: { id: ctx.actor.orgId },
      select: { id: true, name: true, timeZone: true },
    }),
    ctx.db.auditLog.groupBy({ by: ["action"], orderBy: { action: "asc" } }),
    ctx.db.auditLog.groupBy({
      by: ["targetType"],
      where: { targetType: { not: null } },
      orderBy: { targetType: "asc" },
    }),
  ]);
  if (!org) throw notFound("Organization");
  return {
    organization: org,
    actions: actions.map((a) => a.action),
    targetTypes: targetTypes.flatMap((t) => (t.targetType ? [t.targetType] : [])),
  };
}

const PEOPLE_LIMIT = 20;

/**
 * The people picker: up to 20 people of the organization whose name or email contains `search`
 * (by name), or the one person `userId`. Deleted accounts are included: their rows stay in the log.
 */
export async function auditPeople(
  ctx: ServiceContext,
  input: { search?: string | undefined; userId?: string | undefined },
): Promise<{ items: AuditPerson[] }> {
  const search = input.search || undefined;
  const items = await ctx.db.user.findMany({
    where: {
      ...(input.userId ? { id: input.userId } : {}),
      ...(search
        ? {
            OR: [
              { name: { contains: search, mode: "insensitive" } },
              { email: { contains: search, mode: "insensitive" } },
            ],
          }
        : {}),
    },
    select: { id: true, name: true, email: true, role: true },
    orderBy: [{ name: "asc" }, { id: "asc" }],
    take: PEOPLE_LIMIT,
  });
  return { items };
}
