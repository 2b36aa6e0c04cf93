// Content versions: every save keeps the previous state as a ContentVersion; a version can be
// listed and restored (restoring is itself a save, so it makes a new version).
import type { Prisma } from "@toolboxai/db";
import type { ContentDetail } from "@toolboxai/validators";
import { recordActivity } from "../audit/audit";
import type { ServiceContext } from "../context";
import { conflict, type DomainError, isPrismaError, notFound } from "../errors";
import {
  auditIfNotOwn,
  detailSelect,
  eventOf,
  findManageable,
  type ItemRow,
  toDetail,
  uniqueTags,
} from "./content-access";
import { bodyToText } from "./content-text";

/** The fields a save changes and a version keeps. */
export interface VersionedFields {
  title: string;
  description: string;
  subject: string;
  gradeLevel: string;
  tags: string[];
  body: Prisma.InputJsonValue;
}

export async function listContentVersions(ctx: ServiceContext, input: { contentId: string }) {
  await findManageable(ctx, input.contentId, { includeDeleted: true });
  return ctx.db.contentVersion.findMany({
    where: { contentId: input.contentId },
    orderBy: { version: "desc" },
    select: {
      id: true,
      version: true,
      title: true,
      description: true,
      subject: true,
      gradeLevel: true,
      tags: true,
      body: true,
      createdAt: true,
      editedBy: { select: { id: true, name: true } },
    },
  });
}

export function staleVersion(current: number): DomainError {
  return conflict(
    `Someone else saved this item while you were editing (it is now at version ${current}). Reload it to see their changes, then make your edits again.`,
  );
}

/**
 * Keeps the current state as a ContentVersion (numbered with the current version), then applies
 * `next` and increments the version, in one transaction. A concurrent save that got there first
 * makes either the version row (unique per content and version) or the version-guarded update
 * fail: both are reported as CONFLICT.
 */
export async function saveWithVersion(ctx: ServiceContext, current: ItemRow, next: VersionedFields): Promise<ItemRow> {
  try {
    return await ctx.db.$transaction(async (tx) => {
      await tx.contentVersion.create({
        data: {
          organizationId: ctx.actor.orgId,
          contentId: current.id,
          version: current.version,
          title: current.title,
          description: current.description,
          subject: current.subject,
          gradeLevel: current.gradeLevel,
          tags: current.tags,
          body: current.body as Prisma.InputJsonValue,
          editedById: ctx.actor.userId,
        },
      });
      return tx.contentItem.update({
        where: { id: current.id, version: current.version },
        data: {
          ...next,
          tags: uniqueTags(next.tags),
          searchText: bodyToText(current.type, next.body),
          version: { increment: 1 },
        },
        select: detailSelect,
      });
    });
  } catch (error) {
    if (isPrismaError(error, "P2002") || isPrismaError(error, "P2025")) throw staleVersion(current.version + 1);
    throw error;
  }
}

export async function restoreContentVersion(
  ctx: ServiceContext,
  input: { contentId: string; version: number },
): Promise<ContentDetail> {
  const current = await findManageable(ctx, input.contentId);
  const old = await ctx.db.contentVersion.findFirst({ where: { contentId: current.id, version: input.version } });
  if (!old) throw notFound("Version");
  const item = await saveWithVersion(ctx, current, {
    title: old.title,
    description: old.description,
    subject: old.subject,
    gradeLevel: old.gradeLevel,
    tags: old.tags,
    body: old.body as Prisma.InputJsonValue,
  });
  await recordActivity(ctx, "content_version_restored", { ...eventOf(item), restoredVersion: old.version });
  await auditIfNotOwn(ctx, item, "content.version_restored", {
    restoredVersion: old.version,
    fromVersion: current.version,
    toVersion: item.version,
  });
  return toDetail(ctx, item);
}
