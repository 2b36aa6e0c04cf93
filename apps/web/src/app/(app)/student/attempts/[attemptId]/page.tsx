import type { Metadata } from "next";
import { requireRole } from "~/server/auth/session";
import { api, HydrateClient } from "~/trpc/server";
import { AttemptView } from "./attempt-view";

export const metadata: Metadata = { title: "Quiz" };

export default async function AttemptPage({ params }: { params: Promise<{ attemptId: string }> }) {
  await requireRole("STUDENT");
  const { attemptId } = await params;
  void api.assignments.attempt.prefetch({ attemptId });
  return (
    <HydrateClient>
      <AttemptView attemptId={attemptId} />
    </HydrateClient>
  );
}
