import type { Metadata } from "next";
import { requireRole } from "~/server/auth/session";
import { notFoundUnless } from "~/server/not-found";
import { api, HydrateClient } from "~/trpc/server";
import { StudentClass } from "./student-class";

export const metadata: Metadata = { title: "Class" };

/** A class as one of its students sees it: their work in it, and who is here now. */
export default async function StudentClassPage({ params }: { params: Promise<{ classId: string }> }) {
  await requireRole("STUDENT");
  const { classId } = await params;
  await notFoundUnless(() => api.classes.forStudent({ classId }));
  void api.classes.forStudent.prefetch({ classId });
  return (
    <HydrateClient>
      <StudentClass classId={classId} />
    </HydrateClient>
  );
}
