import type { Metadata } from "next";
import { PageHeader } from "~/components/page-header";
import { requireRole } from "~/server/auth/session";
import { api, HydrateClient } from "~/trpc/server";
import { MyGrades } from "./my-grades";

export const metadata: Metadata = { title: "Grades" };

export default async function StudentGradesPage() {
  await requireRole("STUDENT");
  void api.assignments.myGrades.prefetch();
  return (
    <HydrateClient>
      <PageHeader title="Grades" description="Your results in each class, with your teachers' feedback." />
      <MyGrades />
    </HydrateClient>
  );
}
