import type { Metadata } from "next";
import { requireRole } from "~/server/auth/session";
import { notFoundUnless } from "~/server/not-found";
import { api, HydrateClient } from "~/trpc/server";
import { Gradebook } from "./gradebook";

export const metadata: Metadata = { title: "Gradebook" };

export default async function GradebookPage({ params }: { params: Promise<{ classId: string }> }) {
  await requireRole("TEACHER", "ADMIN");
  const { classId } = await params;
  await notFoundUnless(() => api.gradebook.forClass({ classId }));
  void api.gradebook.forClass.prefetch({ classId });
  return (
    <HydrateClient>
      <Gradebook classId={classId} />
    </HydrateClient>
  );
}
