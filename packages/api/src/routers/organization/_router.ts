// `organization`: the admin panel's Settings page (REST GET and PUT /organization/settings), and
// retention's dry run and run for the organization (the scheduled job runs it for every one).
import { getOrgSettings, retentionPreview, retentionRun, updateOrgSettings } from "@toolboxai/core";
import { orgSettingsViewSchema, retentionResultSchema, updateOrgSettingsSchema } from "@toolboxai/validators";
import { createTRPCRouter, roleProcedure } from "../../trpc";

const adminProcedure = roleProcedure("ADMIN");

export const organizationRouter = createTRPCRouter({
  get: adminProcedure
    .meta({
      openapi: {
        method: "GET",
        path: "/organization/settings",
        tags: ["organization"],
        summary: "Organization settings",
        description:
          "The organization's name, time zone, grade display, allowed email domains, retention periods, AI settings and erasure grace period, with its plan (read-only). Admins only.",
      },
      scopes: ["admin"],
    })
    .output(orgSettingsViewSchema)
    .query(({ ctx }) => getOrgSettings(ctx.svc)),
  update: adminProcedure
    .meta({
      openapi: {
        method: "PUT",
        path: "/organization/settings",
        tags: ["organization"],
        summary: "Change organization settings",
        description:
          "Changes the fields sent (the others stay) and returns the settings; audited as organization.settings_updated with each changed field. Admins only.",
      },
      scopes: ["admin"],
    })
    .input(updateOrgSettingsSchema)
    .output(orgSettingsViewSchema)
    .mutation(({ ctx, input }) => updateOrgSettings(ctx.svc, input)),
  /** What retention would remove now, per kind (nothing changes). */
  retentionPreview: adminProcedure.output(retentionResultSchema).query(({ ctx }) => retentionPreview(ctx.svc)),
  /** Applies the organization's retention periods now (audited as retention.applied). */
  retentionRun: adminProcedure.output(retentionResultSchema).mutation(({ ctx }) => retentionRun(ctx.svc)),
});
