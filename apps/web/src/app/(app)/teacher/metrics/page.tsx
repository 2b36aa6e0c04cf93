import type { Metadata } from "next";
import { MetricsDashboard } from "~/components/metrics/metrics-dashboard";
import { requireRole } from "~/server/auth/session";

export const metadata: Metadata = { title: "My metrics" };

// A teacher's dashboard: the same numbers as an admin's, scoped by the server to the teacher's
// classes and their students. Not prefetched (see the admin's page).
export default async function TeacherMetricsPage() {
  await requireRole("TEACHER");
  return (
    <MetricsDashboard
      title="My classes' metrics"
      empty={{ description: "The numbers fill in once your students join your classes and start working." }}
    />
  );
}
