import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { requireRole } from "~/server/auth/session";
import { api, HydrateClient } from "~/trpc/server";
import { LessonReader } from "./lesson-reader";
import { QuizOverview } from "./quiz-overview";

export const metadata: Metadata = { title: "Assignment" };

export default async function AssignmentPage({ params }: { params: Promise<{ assignmentId: string }> }) {
  await requireRole("STUDENT");
  const { assignmentId } = await params;
  // There is no single-assignment query for students: the list says which kind this is.
  const mine = await api.assignments.mine();
  const item = mine.find((a) => a.id === assignmentId);
  // Answered with HTTP 404 and ./not-found.tsx.
  if (!item) notFound();
  if (item.type === "QUIZ") {
    void api.assignments.myAttempts.prefetch({ assignmentId });
    return (
      <HydrateClient>
        <QuizOverview
          assignmentId={item.id}
          title={item.title}
          classId={item.classId}
          className={item.className}
          overdue={item.overdue}
        />
      </HydrateClient>
    );
  }
  return (
    <LessonReader
      assignmentId={item.id}
      title={item.title}
      classId={item.classId}
      className={item.className}
      type={item.type}
      dueAt={item.dueAt}
    />
  );
}
