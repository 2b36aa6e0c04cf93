import type { Metadata } from "next";
import { PageHeader } from "~/components/page-header";
import { requireRole } from "~/server/auth/session";
import { HydrateClient } from "~/trpc/server";
import { SystemStatusView } from "./system-status";

export const metadata: Metadata = { title: "System" };

/** Whether each part of the platform answers, the metrics cache, realtime connections and the version. */
export default async function AdminSystemPage() {
  await requireRole("ADMIN");
  return (
    <HydrateClient>
      <PageHeader
        title="System"
        description="Whether each part of the platform answers this server, its metrics cache, who is connected for live updates, and the version running."
      />
      <SystemStatusView />
    </HydrateClient>
  );
}
