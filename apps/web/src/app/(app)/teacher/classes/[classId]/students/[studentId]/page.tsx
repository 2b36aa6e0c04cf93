import type { Metadata } from "next";
import { requireRole } from "~/server/auth/session";
import { api, HydrateClient } from "~/trpc/server";
import { StudentDetail } from "./student-detail";

export const metadata: Metadata = { title: "Student" };

export default async function StudentPage({ params }: { params: Promise<{ classId: string; studentId: string }> }) {
  await requireRole("TEACHER", "ADMIN");
  const { classId, studentId } = await params;
  void api.gradebook.student.prefetch({ classId, studentId });
  return (
    <HydrateClient>
      <StudentDetail classId={classId} studentId={studentId} />
    </HydrateClient>
  );
}
