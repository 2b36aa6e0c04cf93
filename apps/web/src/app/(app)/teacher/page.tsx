import { Plus, Sparkles } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { ClassFormDialog } from "~/components/classes/class-form-dialog";
import { ClassList } from "~/components/classes/class-list";
import { PageHeader } from "~/components/page-header";
import { Button } from "~/components/ui/button";
import { requireRole } from "~/server/auth/session";
import { api, HydrateClient } from "~/trpc/server";

export const metadata: Metadata = { title: "Teacher" };

export default async function TeacherHome() {
  const actor = await requireRole("TEACHER");
  void api.classes.list.prefetch({});
  return (
    <HydrateClient>
      <PageHeader
        title={`Good to see you, ${actor.name.split(" ")[0]}`}
        description="Your classes. Open one to share its join code and manage the roster."
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
      <ClassList
        linkBase="/teacher/classes/"
        empty={{
          title: "No classes yet",
          description: "Create your first class, then share its join code with your students.",
        }}
      />
    </HydrateClient>
  );
}
