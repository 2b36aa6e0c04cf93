import { Plus, Sparkles } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { ClassFormDialog } from "~/components/classes/class-form-dialog";
import { DashboardSummaryCard } from "~/components/metrics/dashboard-summary-card";
import { PageHeader } from "~/components/page-header";
import { Button } from "~/components/ui/button";
import { requireRole } from "~/server/auth/session";
import { api, HydrateClient } from "~/trpc/server";
import { NeedsAttention } from "./needs-attention";
import { TeacherClasses } from "./teacher-classes";

export const metadata: Metadata = { title: "Teacher" };

export default async function TeacherHome() {
  const actor = await requireRole("TEACHER");
  void api.home.teacher.prefetch();
  void api.classes.list.prefetch({ includeArchived: false });
  return (
    <HydrateClient>
      <PageHeader
        title={`Good to see you, ${actor.name.split(" ")[0]}`}
        description="What needs your attention, then your classes."
        actions={
          <>
            <Button asChild variant="outline">
              <Link href="/teacher/generate">
                <Sparkles className="size-4" aria-hidden /> Generate with AI
              </Link>
            </Button>
            <ClassFormDialog
              trigger={
                <Button>
                  <Plus className="size-4" aria-hidden /> New class
                </Button>
              }
            />
          </>
        }
      />
      <NeedsAttention />
      <TeacherClasses />
      <DashboardSummaryCard href="/teacher/metrics" linkLabel="See my metrics" />
    </HydrateClient>
  );
}
