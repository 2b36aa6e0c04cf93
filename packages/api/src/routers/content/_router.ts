// `content`: the teaching content library. Teachers and admins only; which items a caller
// sees and may change is decided by the service (see services/content.ts).
import {
  createContent,
  deleteContent,
  duplicateContent,
  getContent,
  listContent,
  listContentVersions,
  publishContent,
  restoreContent,
  restoreContentVersion,
  unpublishContent,
  updateContent,
} from "@toolboxai/core";
import {
  contentDetailSchema,
  contentIdSchema,
  contentListInputSchema,
  contentListSchema,
  contentVersionListSchema,
  createContentSchema,
  duplicatedContentSchema,
  publishContentSchema,
  restoreVersionSchema,
  updateContentSchema,
} from "@toolboxai/validators";
import { createTRPCRouter, roleProcedure } from "../../trpc";

const teachingProcedure = roleProcedure("TEACHER", "ADMIN");

export const contentRouter = createTRPCRouter({
  list: teachingProcedure
    .input(contentListInputSchema)
    .output(contentListSchema)
    .query(({ ctx, input }) => listContent(ctx.svc, input)),
  get: teachingProcedure
    .input(contentIdSchema)
    .output(contentDetailSchema)
    .query(({ ctx, input }) => getContent(ctx.svc, input)),
  create: teachingProcedure
    .input(createContentSchema)
    .output(contentDetailSchema)
    .mutation(({ ctx, input }) => createContent(ctx.svc, input)),
  update: teachingProcedure
    .input(updateContentSchema)
    .output(contentDetailSchema)
    .mutation(({ ctx, input }) => updateContent(ctx.svc, input)),
  publish: teachingProcedure
    .input(publishContentSchema)
    .output(contentDetailSchema)
    .mutation(({ ctx, input }) => publishContent(ctx.svc, input)),
  unpublish: teachingProcedure
    .input(contentIdSchema)
    .output(contentDetailSchema)
    .mutation(({ ctx, input }) => unpublishContent(ctx.svc, input)),
  duplicate: teachingProcedure
    .input(contentIdSchema)
    .output(duplicatedContentSchema)
    .mutation(({ ctx, input }) => duplicateContent(ctx.svc, input)),
  delete: teachingProcedure
    .input(contentIdSchema)
    .output(contentDetailSchema)
    .mutation(({ ctx, input }) => deleteContent(ctx.svc, input)),
  restore: teachingProcedure
    .input(contentIdSchema)
    .output(contentDetailSchema)
    .mutation(({ ctx, input }) => restoreContent(ctx.svc, input)),
  listVersions: teachingProcedure
    .input(contentIdSchema)
    .output(contentVersionListSchema)
    .query(({ ctx, input }) => listContentVersions(ctx.svc, input)),
  restoreVersion: teachingProcedure
    .input(restoreVersionSchema)
    .output(contentDetailSchema)
    .mutation(({ ctx, input }) => restoreContentVersion(ctx.svc, input)),
});
