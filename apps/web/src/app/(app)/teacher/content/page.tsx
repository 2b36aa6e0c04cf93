import { BookOpen, ClipboardList, ListChecks } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "~/components/page-header";
import { Button } from "~/components/ui/button";
import { requireRole } from "~/server/auth/session";
import { api, HydrateClient } from "~/trpc/server";
import { ContentLibrary } from "./content-library";

export const metadata: Metadata = { title: "Content library" };

export default async function ContentLibraryPage() {
  await requireRole("TEACHER", "ADMIN");
  void api.content.list.prefetchInfinite({});
  return (
    <HydrateClient>
      <PageHeader
        title="Content library"
        description="Your lessons, quizzes and activities, and everything your colleagues have published."
        actions={
          <>
            <Button asChild>
              <Link href="/teacher/content/new?type=LESSON">
                <BookOpen className="size-4" aria-hidden /> New lesson
              </Link>
            </Button>
            <Button asChild variant="outline">
              <Link href="/teacher/content/new?type=QUIZ">
                <ListChecks className="size-4" aria-hidden /> New quiz
              </Link>
            </Button>
            <Button asChild variant="outline">
              <Link href="/teacher/content/new?type=ACTIVITY">
                <ClipboardList className="size-4" aria-hidden /> New activity
              </Link>
            </Button>
          </>
        }
      />
      <ContentLibrary />
    </HydrateClient>
  );
}
