import type { Metadata } from "next";
import Link from "next/link";
import { MetricsDashboard } from "~/components/metrics/metrics-dashboard";
import { Button } from "~/components/ui/button";
import { requireRole } from "~/server/auth/session";

export const metadata: Metadata = { title: "Metrics" };

// Not prefetched: the dashboard's reads are rate limited per person (10 a minute), and the
// browser keeps them in its query cache across pages, so it reads them once, itself.
export default async function AdminMetricsPage() {
  await requireRole("ADMIN");
  return (
    <MetricsDashboard
      title="Organization metrics"
      empty={{
        description: "The numbers fill in as your teachers create content and their students start working.",
        action: (
          <Button asChild variant="outline">
            <Link href="/admin/users">Invite your teachers</Link>
          </Button>
        ),
      }}
    />
  );
}
