// `erasure`: GDPR article 17. An admin erases a person: they are deactivated at once, and after the
// organization's grace period the purge job removes or anonymizes their personal data (core's
// privacy/erasure.ts; the policy is docs/data-protection.md). Until then an admin can undo it.
// Not published in REST: erasure is a decision made by a person in the admin panel.
import { cancelErasure, listErasures, requestErasure } from "@toolboxai/core";
import { cancelErasureSchema, erasureListSchema, erasureSchema, requestErasureSchema } from "@toolboxai/validators";
import { createTRPCRouter, roleProcedure } from "../../trpc";

const adminProcedure = roleProcedure("ADMIN");

export const erasureRouter = createTRPCRouter({
  /** The organization's erasure requests: pending ones first (with the days left), then the rest. */
  list: adminProcedure.output(erasureListSchema).query(({ ctx }) => listErasures(ctx.svc)),
  /** Deactivates and signs out the person now; the purge follows after the grace period. */
  request: adminProcedure
    .input(requestErasureSchema)
    .output(erasureSchema)
    .mutation(({ ctx, input }) => requestErasure(ctx.svc, input)),
  /** Undo within the grace period: the account is restored as it was. */
  cancel: adminProcedure
    .input(cancelErasureSchema)
    .output(erasureSchema)
    .mutation(({ ctx, input }) => cancelErasure(ctx.svc, input)),
});
