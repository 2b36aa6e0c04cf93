import type { Metadata } from "next";
import { ClassList } from "~/components/classes/class-list";
import { PageHeader } from "~/components/page-header";
import { requireRole } from "~/server/auth/session";
import { api, HydrateClient } from "~/trpc/server";

export const metadata: Metadata = { title: "Classes" };

export default async function AdminClassesPage() {
  await requireRole("ADMIN");
  void api.classes.list.prefetch({ includeArchived: true });
  return (
    <HydrateClient>
      <PageHeader title="Classes" description="Every class in your organization, archived ones included." />
      <ClassList
        linkBase="/teacher/classes/"
        includeArchived
        empty={{ title: "No classes yet", description: "Classes appear here as teachers create them." }}
      />
    </HydrateClient>
  );
}
