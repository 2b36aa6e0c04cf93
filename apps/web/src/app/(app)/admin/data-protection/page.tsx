import type { Metadata } from "next";
import { PageHeader } from "~/components/page-header";
import { requireRole } from "~/server/auth/session";
import { HydrateClient } from "~/trpc/server";
import { ConsentSection } from "./consent-section";
import { ErasureSection } from "./erasure-section";
import { ExportSection } from "./export-section";
import { RetentionSection } from "./retention-section";

export const metadata: Metadata = { title: "Data protection" };

/** FERPA, COPPA and GDPR duties in one place: exports, erasure, parental consent and retention. */
export default async function AdminDataProtectionPage() {
  await requireRole("ADMIN");
  return (
    <HydrateClient>
      <PageHeader
        title="Data protection"
        description="Answer a request to see or erase a person's data, check parental consent for students under 13, and keep only what your retention policy allows."
      />
      <div className="grid gap-6">
        <ExportSection />
        <ErasureSection />
        <ConsentSection />
        <RetentionSection />
      </div>
    </HydrateClient>
  );
}
