import type { Metadata } from "next";
import { requireRole } from "~/server/auth/session";
import { notFoundUnless } from "~/server/not-found";
import { api, HydrateClient } from "~/trpc/server";
import { AttemptReview } from "./attempt-review";

export const metadata: Metadata = { title: "Review attempt" };

export default async function AttemptReviewPage({
  params,
}: {
  params: Promise<{ classId: string; attemptId: string }>;
}) {
  await requireRole("TEACHER", "ADMIN");
  const { classId, attemptId } = await params;
  await notFoundUnless(() => api.assignments.review({ attemptId }));
  void api.assignments.review.prefetch({ attemptId });
  return (
    <HydrateClient>
      <AttemptReview classId={classId} attemptId={attemptId} />
    </HydrateClient>
  );
}
