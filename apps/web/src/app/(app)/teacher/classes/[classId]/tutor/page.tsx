import type { Metadata } from "next";
import { requireRole } from "~/server/auth/session";
import { notFoundUnless } from "~/server/not-found";
import { api, HydrateClient } from "~/trpc/server";
import { TutorConversationList } from "./tutor-conversation-list";

export const metadata: Metadata = { title: "Tutor conversations" };

/** What the class's students asked the tutor: the teacher reads, and cannot write. */
export default async function TutorConversationsPage({
  params,
  searchParams,
}: {
  params: Promise<{ classId: string }>;
  searchParams: Promise<{ student?: string | string[] }>;
}) {
  await requireRole("TEACHER", "ADMIN");
  const { classId } = await params;
  const { student } = await searchParams;
  // `?student=` narrows the list to one student (a link from elsewhere may carry it).
  const studentId = typeof student === "string" && student !== "" ? student : undefined;
  await notFoundUnless(() => api.classes.get({ classId }));
  void api.classes.get.prefetch({ classId });
  void api.assistant.tutorConversations.prefetch({ classId, studentId });
  return (
    <HydrateClient>
      <TutorConversationList classId={classId} initialStudentId={studentId} />
    </HydrateClient>
  );
}
