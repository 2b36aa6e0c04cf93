import type { Metadata } from "next";
import { Suspense } from "react";
import { PageHeader } from "~/components/page-header";
import { requireRole } from "~/server/auth/session";
import { api, HydrateClient } from "~/trpc/server";
import { AuditLog } from "./audit-log";
import { auditListInput, readAuditParams } from "./audit-params";

export const metadata: Metadata = { title: "Audit log" };

export default async function AuditLogPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  await requireRole("ADMIN");
  const params = readAuditParams(await searchParams);
  // The page asks for the list the browser will: the URL's filters, days in the organization's time zone.
  const filters = await api.audit.filters().catch(() => null);
  void api.audit.filters.prefetch();
  if (filters) void api.audit.list.prefetch(auditListInput(params, filters.organization.timeZone));
  return (
    <HydrateClient>
      <PageHeader
        title="Audit log"
        description="Who did what in your organization: sign-ins, changes to people, API keys, settings and data protection. Filter it, share the link, or export it as CSV."
      />
      <Suspense>
        <AuditLog />
      </Suspense>
    </HydrateClient>
  );
}
