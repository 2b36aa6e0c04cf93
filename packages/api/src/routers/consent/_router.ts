// `consent`: COPPA parental consent. A parent gives or withdraws it for their linked children
// under 13; a student reads their own state; an admin sees every student's state and records
// birth dates. The rule (what a missing birth date means) is in packages/core/src/privacy/consent.ts.
import { grantConsent, listConsents, myChildrenConsent, myConsent, revokeConsent, setBirthDate } from "@toolboxai/core";
import {
  birthDateResultSchema,
  consentListInputSchema,
  consentListSchema,
  consentResultSchema,
  consentStudentInputSchema,
  myChildrenConsentSchema,
  myConsentSchema,
  setBirthDateSchema,
} from "@toolboxai/validators";
import { createTRPCRouter, roleProcedure } from "../../trpc";

const parentProcedure = roleProcedure("PARENT");
const adminProcedure = roleProcedure("ADMIN");

export const consentRouter = createTRPCRouter({
  /** The parent's linked children, each with their age, consent state and the statement to agree to. */
  mine: parentProcedure.output(myChildrenConsentSchema).query(({ ctx }) => myChildrenConsent(ctx.svc)),
  grant: parentProcedure
    .input(consentStudentInputSchema)
    .output(consentResultSchema)
    .mutation(({ ctx, input }) => grantConsent(ctx.svc, input)),
  revoke: parentProcedure
    .input(consentStudentInputSchema)
    .output(consentResultSchema)
    .mutation(({ ctx, input }) => revokeConsent(ctx.svc, input)),
  /** The signed-in student's own state, and the sentence to show while features are closed. */
  myStatus: roleProcedure("STUDENT")
    .output(myConsentSchema)
    .query(({ ctx }) => myConsent(ctx.svc)),
  list: adminProcedure
    .input(consentListInputSchema)
    .output(consentListSchema)
    .query(({ ctx, input }) => listConsents(ctx.svc, input)),
  setBirthDate: adminProcedure
    .input(setBirthDateSchema)
    .output(birthDateResultSchema)
    .mutation(({ ctx, input }) => setBirthDate(ctx.svc, input)),
});
