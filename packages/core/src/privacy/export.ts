// Data export for one person (FERPA's right to inspect, GDPR articles 15 and 20). An admin (anyone
// of the organization), the person themself, or a parent linked to the child asks for it; the
// export is built in the background of the process that took the request (progress 0-100 as each
// section of ./export-collect.ts is read) into a zip holding every section as JSON and as CSV plus a
// README.txt, stored on the DataExport row so every web instance can serve it.
//
// Who sees an export: whoever may ask for it now: the organization's admins, its subject, and the
// subject's currently linked parents (having asked once gives no lasting right). A download link is
// made on demand (`createExportLink`): a random token, of which only the SHA-256 is stored (as for
// password reset links); a newer link replaces the older one. The link still needs a signed-in
// person who sees the export, so a forwarded link opens nothing. Seven days after the export is
// built its file is deleted and its link answers "gone".
import { randomBytes } from "node:crypto";
import type { Prisma } from "@toolboxai/db";
import type { DataExportListInput, DataExportView } from "@toolboxai/validators";
import { recordAudit } from "../audit/audit";
import { hashResetToken } from "../auth/password-reset";
import type { ServiceContext } from "../context";
import { conflict, forbidden, notFound, preconditionFailed } from "../errors";
import { startBuild } from "./export-build";

export { EXPORT_TTL_MS, exportsSettled, sectionCsv } from "./export-build";

/**
 * How long a build may take before it counts as interrupted (the process that ran it stopped): it
 * is then marked failed, and the person may ask again.
 */
export const EXPORT_STALE_MS = 30 * 60 * 1000;

/** Where a download link points (apps/web/src/app/api/exports/[token]/route.ts). */
export const exportDownloadPath = (token: string) => `/api/exports/${encodeURIComponent(token)}`;

const view = {
  id: true,
  subjectId: true,
  requestedById: true,
  status: true,
  progress: true,
  fileBytes: true,
  error: true,
  createdAt: true,
  finishedAt: true,
  expiresAt: true,
  subject: { select: { id: true, name: true, role: true } },
} satisfies Prisma.DataExportSelect;
type ExportRecord = Prisma.DataExportGetPayload<{ select: typeof view }>;

async function isLinkedParent(ctx: ServiceContext, subjectId: string) {
  if (ctx.actor.role !== "PARENT") return false;
  const link = await ctx.db.parentStudentLink.findFirst({
    where: { parentId: ctx.actor.userId, studentId: subjectId },
    select: { id: true },
  });
  return link !== null;
}

/** Whether the actor may ask for `subjectId`'s data: an admin, the person, or their linked parent. */
async function mayExport(ctx: ServiceContext, subjectId: string) {
  return ctx.actor.role === "ADMIN" || ctx.actor.userId === subjectId || (await isLinkedParent(ctx, subjectId));
}

/**
 * Whether the actor sees an export: only with the right to ask for it now. Having asked is not
 * enough (a parent unlinked from the child, an admin no longer an admin, loses it at once).
 */
async function maySee(ctx: ServiceContext, row: { subjectId: string }) {
  return mayExport(ctx, row.subjectId);
}

async function toViews(ctx: ServiceContext, rows: ExportRecord[], now = new Date()): Promise<DataExportView[]> {
  const ids = [...new Set(rows.flatMap((r) => (r.requestedById ? [r.requestedById] : [])))];
  const people = await ctx.db.user.findMany({
    where: { id: { in: ids } },
    select: { id: true, name: true, role: true },
  });
  const byId = new Map(people.map((p) => [p.id, p]));
  return rows.map((r) => {
    const expired = r.expiresAt !== null && r.expiresAt <= now;
    return {
      id: r.id,
      subject: r.subject,
      requestedBy: (r.requestedById && byId.get(r.requestedById)) || null,
      status: r.status,
      progress: r.progress,
      fileBytes: r.fileBytes,
      error: r.error,
      createdAt: r.createdAt,
      finishedAt: r.finishedAt,
      expiresAt: r.expiresAt,
      downloadable: r.status === "SUCCEEDED" && !expired,
      expired,
    };
  });
}

// ---------------------------------------------------------------------------------------------
// The services

/**
 * Asks for `subjectId`'s data export and starts building it. An admin may ask for anyone of the
 * organization, anyone for themself, a parent for a linked child; others: FORBIDDEN. An export of
 * the same person already being built by the same requester is answered instead of a second.
 */
export async function requestExport(ctx: ServiceContext, input: { subjectId: string }): Promise<DataExportView> {
  const subject = await ctx.db.user.findFirst({
    where: { id: input.subjectId, deletedAt: null },
    select: { id: true },
  });
  if (!subject) throw notFound("Person");
  if (!(await mayExport(ctx, subject.id))) {
    throw forbidden("Only an admin, the person themself or their linked parent can export this person's data.");
  }
  await failInterruptedExports(ctx.db);
  const pending = await ctx.db.dataExport.findFirst({
    where: { subjectId: subject.id, requestedById: ctx.actor.userId, status: { in: ["QUEUED", "RUNNING"] } },
    select: view,
  });
  if (pending) return (await toViews(ctx, [pending]))[0] as DataExportView;
  const row = await ctx.db.dataExport.create({
    data: { organizationId: ctx.actor.orgId, subjectId: subject.id, requestedById: ctx.actor.userId },
    select: view,
  });
  await recordAudit(ctx, {
    action: "data_export.requested",
    targetType: "User",
    targetId: subject.id,
    metadata: { exportId: row.id },
  });
  startBuild(ctx, row.id, subject.id);
  return (await toViews(ctx, [row]))[0] as DataExportView;
}

async function findVisible(ctx: ServiceContext, exportId: string) {
  const row = await ctx.db.dataExport.findFirst({ where: { id: exportId }, select: view });
  if (!row || !(await maySee(ctx, row))) throw notFound("Data export");
  return row;
}

/** One export the actor sees (NOT_FOUND otherwise), with its progress. */
export async function getExport(ctx: ServiceContext, input: { exportId: string }): Promise<DataExportView> {
  return (await toViews(ctx, [await findVisible(ctx, input.exportId)]))[0] as DataExportView;
}

/**
 * The exports the actor sees, newest first (at most 50): an admin every one of the organization,
 * anyone else those about themself and, for a parent, about a child linked now.
 */
export async function listExports(ctx: ServiceContext, input: DataExportListInput = {}): Promise<DataExportView[]> {
  await purgeExpiredExports(ctx.db);
  await failInterruptedExports(ctx.db);
  let where: Prisma.DataExportWhereInput = {};
  if (ctx.actor.role !== "ADMIN") {
    const children =
      ctx.actor.role === "PARENT"
        ? await ctx.db.parentStudentLink.findMany({
            where: { parentId: ctx.actor.userId },
            select: { studentId: true },
          })
        : [];
    where = { subjectId: { in: [ctx.actor.userId, ...children.map((c) => c.studentId)] } };
  }
  const rows = await ctx.db.dataExport.findMany({
    where: { AND: [where, input.subjectId ? { subjectId: input.subjectId } : {}] },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: 50,
    select: view,
  });
  return toViews(ctx, rows);
}

/** A fresh download link for a built export the actor sees; the older link stops working. */
export async function createExportLink(ctx: ServiceContext, input: { exportId: string }) {
  const row = await findVisible(ctx, input.exportId);
  if (row.status !== "SUCCEEDED") throw conflict("This export is not ready yet.");
  if (!row.expiresAt || row.expiresAt <= new Date()) {
    throw preconditionFailed("This export has expired and its file was deleted. Ask for a new export.");
  }
  const token = randomBytes(32).toString("base64url");
  await ctx.db.dataExport.update({ where: { id: row.id }, data: { tokenHash: hashResetToken(token) } });
  return { url: exportDownloadPath(token), expiresAt: row.expiresAt };
}

export interface ExportDownload {
  filename: string;
  contentType: string;
  body: Uint8Array<ArrayBuffer>;
}

function fileName(name: string, at: Date) {
  const slug =
    name
      .normalize("NFKD")
      .replace(/[^A-Za-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .toLowerCase()
      .slice(0, 40) || "person";
  return `data-export-${slug}-${at.toISOString().slice(0, 10)}.zip`;
}

/**
 * The zip behind a download link, for a signed-in person who sees the export; audited. NOT_FOUND
 * for an unknown token (or an export the actor does not see); PRECONDITION_FAILED once the
 * export has expired (its file is deleted then, if it was not yet): the download route's 410.
 */
export async function downloadExport(ctx: ServiceContext, input: { token: string }): Promise<ExportDownload> {
  const row = await ctx.db.dataExport.findFirst({
    where: { tokenHash: hashResetToken(input.token) },
    select: { ...view, file: true },
  });
  if (!row || !(await maySee(ctx, row))) throw notFound("Download link");
  const now = new Date();
  if (!row.file || !row.expiresAt || row.expiresAt <= now) {
    if (row.file) await ctx.db.dataExport.update({ where: { id: row.id }, data: { file: null } });
    throw preconditionFailed("This download link has expired and the file was deleted. Ask for a new export.");
  }
  await recordAudit(ctx, {
    action: "data_export.downloaded",
    targetType: "User",
    targetId: row.subjectId,
    metadata: { exportId: row.id },
  });
  return {
    filename: fileName(row.subject.name, row.finishedAt ?? now),
    contentType: "application/zip",
    body: new Uint8Array(row.file),
  };
}

/** What the clean-ups need: a scoped client (one organization) or the unscoped one (the job, all). */
interface ExportRows {
  dataExport: { updateMany(args: Prisma.DataExportUpdateManyArgs): Promise<{ count: number }> };
}

/**
 * Deletes the files of exports past their expiry (the rows stay, so their links answer "gone").
 * Runs whenever exports are listed; a scheduled job may call it too. Returns how many it deleted.
 */
export async function purgeExpiredExports(db: ExportRows, now = new Date()): Promise<number> {
  const { count } = await db.dataExport.updateMany({
    where: { expiresAt: { lte: now }, file: { not: null } },
    data: { file: null },
  });
  return count;
}

/** Marks builds older than EXPORT_STALE_MS that never finished as failed (their process stopped). */
export async function failInterruptedExports(db: ExportRows, now = new Date()): Promise<number> {
  const { count } = await db.dataExport.updateMany({
    where: { status: { in: ["QUEUED", "RUNNING"] }, createdAt: { lt: new Date(now.getTime() - EXPORT_STALE_MS) } },
    data: { status: "FAILED", error: "The build was interrupted. Ask for a new export.", finishedAt: now },
  });
  return count;
}
