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
  activityBodySchema,
  contentDetailSchema,
  contentIdSchema,
  contentListInputSchema,
  contentListSchema,
  contentTypeSchema,
  contentVersionListSchema,
  createContentSchema,
  duplicatedContentSchema,
  environmentBodySchema,
  lessonBodySchema,
  publishContentSchema,
  quizBodySchema,
  restoreVersionSchema,
  unionInput,
  updateContentSchema,
} from "@toolboxai/validators";
import { z } from "zod";
import { createTRPCRouter, roleProcedure } from "../../trpc";

const teachingProcedure = roleProcedure("TEACHER", "ADMIN");
const WHO = "Teachers and admins; a teacher manages their own items, an admin any item of the organization.";
const tags = ["content"];

/** The create body as REST documents it: the shared fields, and a body in the shape of the type. */
const createContentInput = unionInput(createContentSchema, {
  ...createContentSchema.options[0].omit({ type: true, body: true }).shape,
  type: contentTypeSchema,
  body: z.unknown().meta({
    description:
      "The item's content in the shape of its type: LESSON sections, QUIZ instructions and draw, ACTIVITY steps, ENVIRONMENT terrain and scripts.",
    override: ({ jsonSchema }: { jsonSchema: Record<string, unknown> }) => {
      const { $schema: _, ...bodies } = z.toJSONSchema(
        z.union([lessonBodySchema, quizBodySchema, activityBodySchema, environmentBodySchema]),
        { io: "input", unrepresentable: "any" },
      );
      Object.assign(jsonSchema, bodies);
    },
  }),
});

export const contentRouter = createTRPCRouter({
  list: teachingProcedure
    .meta({
      openapi: {
        method: "GET",
        path: "/content",
        tags,
        summary: "List and search content",
        description: `Content the caller may see, newest first, filtered by type, status, subject, grade, author, tag or a full-text "search"; pages with "cursor". ${WHO}`,
      },
      scopes: ["content:read"],
    })
    .input(contentListInputSchema)
    .output(contentListSchema)
    .query(({ ctx, input }) => listContent(ctx.svc, input)),
  get: teachingProcedure
    .meta({
      openapi: {
        method: "GET",
        path: "/content/{contentId}",
        tags,
        summary: "Get a content item",
        description: `One item with its body. ${WHO}`,
      },
      scopes: ["content:read"],
    })
    .input(contentIdSchema)
    .output(contentDetailSchema)
    .query(({ ctx, input }) => getContent(ctx.svc, input)),
  create: teachingProcedure
    .meta({
      openapi: {
        method: "POST",
        path: "/content",
        tags,
        summary: "Create a content item",
        description: `A new draft (LESSON, QUIZ, ACTIVITY or ENVIRONMENT). ${WHO}`,
      },
      scopes: ["content:write"],
      successStatus: 201,
    })
    .input(createContentInput)
    .output(contentDetailSchema)
    .mutation(({ ctx, input }) => createContent(ctx.svc, input)),
  update: teachingProcedure
    .meta({
      openapi: {
        method: "PUT",
        path: "/content/{contentId}",
        tags,
        summary: "Update a content item",
        description: `Replaces the fields and body; "expectedVersion" must be the version the edit started from (else 409). ${WHO}`,
      },
      scopes: ["content:write"],
    })
    .input(updateContentSchema)
    .output(contentDetailSchema)
    .mutation(({ ctx, input }) => updateContent(ctx.svc, input)),
  publish: teachingProcedure
    .meta({
      openapi: {
        method: "POST",
        path: "/content/{contentId}/publish",
        tags,
        summary: "Publish a content item",
        description: `Makes the item assignable; with "expectedVersion", refuses (409) when it changed since. ${WHO}`,
      },
      scopes: ["content:write"],
    })
    .input(publishContentSchema)
    .output(contentDetailSchema)
    .mutation(({ ctx, input }) => publishContent(ctx.svc, input)),
  unpublish: teachingProcedure
    .meta({
      openapi: {
        method: "POST",
        path: "/content/{contentId}/unpublish",
        tags,
        summary: "Unpublish a content item",
        description: `Back to a draft. ${WHO}`,
      },
      scopes: ["content:write"],
    })
    .input(contentIdSchema)
    .output(contentDetailSchema)
    .mutation(({ ctx, input }) => unpublishContent(ctx.svc, input)),
  duplicate: teachingProcedure
    .meta({
      openapi: {
        method: "POST",
        path: "/content/{contentId}/duplicate",
        tags,
        summary: "Duplicate a content item",
        description: `A copy owned by the caller, as a draft. ${WHO}`,
      },
      scopes: ["content:write"],
      successStatus: 201,
    })
    .input(contentIdSchema)
    .output(duplicatedContentSchema)
    .mutation(({ ctx, input }) => duplicateContent(ctx.svc, input)),
  delete: teachingProcedure
    .meta({
      openapi: {
        method: "DELETE",
        path: "/content/{contentId}",
        tags,
        summary: "Delete a content item",
        description: `Moves the item to the trash (restore it with /restore). ${WHO}`,
      },
      scopes: ["content:write"],
    })
    .input(contentIdSchema)
    .output(contentDetailSchema)
    .mutation(({ ctx, input }) => deleteContent(ctx.svc, input)),
  restore: teachingProcedure
    .meta({
      openapi: {
        method: "POST",
        path: "/content/{contentId}/restore",
        tags,
        summary: "Restore a deleted content item",
        description: `Takes the item out of the trash. ${WHO}`,
      },
      scopes: ["content:write"],
    })
    .input(contentIdSchema)
    .output(contentDetailSchema)
    .mutation(({ ctx, input }) => restoreContent(ctx.svc, input)),
  listVersions: teachingProcedure
    .meta({
      openapi: {
        method: "GET",
        path: "/content/{contentId}/versions",
        tags,
        summary: "List a content item's versions",
        description: `Earlier versions, newest first. ${WHO}`,
      },
      scopes: ["content:read"],
    })
    .input(contentIdSchema)
    .output(contentVersionListSchema)
    .query(({ ctx, input }) => listContentVersions(ctx.svc, input)),
  restoreVersion: teachingProcedure
    .meta({
      openapi: {
        method: "POST",
        path: "/content/{contentId}/versions/{version}/restore",
        tags,
        summary: "Restore a version",
        description: `Makes an earlier version the current one (as a new version). ${WHO}`,
      },
      scopes: ["content:write"],
    })
    .input(restoreVersionSchema)
    .output(contentDetailSchema)
    .mutation(({ ctx, input }) => restoreContentVersion(ctx.svc, input)),
});
