import type { Metadata } from "next";
import { requireRole } from "~/server/auth/session";
import { notFoundUnless } from "~/server/not-found";
import { api, HydrateClient } from "~/trpc/server";
import { ClassAnalyticsView } from "./class-analytics";

export const metadata: Metadata = { title: "Class analytics" };

export default async function ClassAnalyticsPage({ params }: { params: Promise<{ classId: string }> }) {
  await requireRole("TEACHER", "ADMIN");
  const { classId } = await params;
  // Another teacher's class (or none) is the 404 page, as for the class itself.
  await notFoundUnless(() => api.classes.get({ classId }));
  void api.analytics.classAnalytics.prefetch({ classId, date_range: "30d" });
  return (
    <HydrateClient>
      <ClassAnalyticsView classId={classId} />
    </HydrateClient>
  );
}
