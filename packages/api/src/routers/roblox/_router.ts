// `roblox`: what the Roblox Studio plugin reads: the caller's environments (ENVIRONMENT content
// items), one environment's spec, and (`rojo`) the item a Rojo project zip is built from. The zip
// itself is served by the REST adapter (GET /roblox/environments/{environmentId}/rojo, a file
// operation in ../../openapi/operations.ts) and by /api/content/{id}/rojo.zip, both through
// `rojo` (../../downloads.ts), so a key needs `roblox:read` for it, as for the rest of the plugin's
// reads.
import { getContent, listContent, notFound } from "@toolboxai/core";
import {
  contentBodySchemas,
  contentListSchema,
  environmentIdSchema,
  environmentListInputSchema,
  environmentSpecSchema,
} from "@toolboxai/validators";
import { createTRPCRouter, roleProcedure } from "../../trpc";

const teachingProcedure = roleProcedure("TEACHER", "ADMIN");
const WHO = "Teachers (their own and published environments) and admins.";

export const robloxRouter = createTRPCRouter({
  environments: teachingProcedure
    .meta({
      openapi: {
        method: "GET",
        path: "/roblox/environments",
        tags: ["roblox"],
        summary: "List Roblox environments",
        description: `The environments (ENVIRONMENT content items) the caller may see, newest first, by full-text search; pages with cursor. ${WHO}`,
      },
      scopes: ["roblox:read"],
    })
    .input(environmentListInputSchema)
    .output(contentListSchema)
    .query(({ ctx, input }) => listContent(ctx.svc, { ...input, type: "ENVIRONMENT", deleted: false })),
  environment: teachingProcedure
    .meta({
      openapi: {
        method: "GET",
        path: "/roblox/environments/{environmentId}",
        tags: ["roblox"],
        summary: "Get a Roblox environment's spec",
        description: `Its terrain, props, stations, Luau scripts and quiz checkpoints (the Rojo project: GET /roblox/environments/{environmentId}/rojo). ${WHO}`,
      },
      scopes: ["roblox:read"],
    })
    .input(environmentIdSchema)
    .output(environmentSpecSchema)
    .query(async ({ ctx, input }) => {
      const item = await getContent(ctx.svc, { contentId: input.environmentId });
      const body = contentBodySchemas.ENVIRONMENT.safeParse(item.body);
      if (item.type !== "ENVIRONMENT" || item.deletedAt || !body.success) throw notFound("Environment");
      const { id, title, description, subject, gradeLevel, status, version, updatedAt } = item;
      return { id, title, description, subject, gradeLevel, status, version, updatedAt, ...body.data };
    }),
  /** The item behind a Rojo project download (no REST meta: the file operation documents it). */
  rojo: teachingProcedure
    .meta({ scopes: ["roblox:read"] })
    .input(environmentIdSchema)
    .query(async ({ ctx, input }) => {
      const { id, type, title, body } = await getContent(ctx.svc, { contentId: input.environmentId });
      return { id, type, title, body };
    }),
});
