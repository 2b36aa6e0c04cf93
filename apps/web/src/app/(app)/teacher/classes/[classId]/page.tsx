import type { Metadata } from "next";
import { requireRole } from "~/server/auth/session";
import { notFoundUnless } from "~/server/not-found";
import { api, HydrateClient } from "~/trpc/server";
import { ClassDetail } from "./class-detail";

export const metadata: Metadata = { title: "Class" };

export default async function ClassPage({ params }: { params: Promise<{ classId: string }> }) {
  await requireRole("TEACHER", "ADMIN");
  const { classId } = await params;
  await notFoundUnless(() => api.classes.get({ classId }));
  void api.classes.get.prefetch({ classId });
  return (
    <HydrateClient>
      <ClassDetail classId={classId} />
    </HydrateClient>
  );
}
