import { Sparkles } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "~/components/page-header";
import { Button } from "~/components/ui/button";
import { requireRole } from "~/server/auth/session";
import { api, HydrateClient } from "~/trpc/server";
import { TaskList } from "./task-list";

export const metadata: Metadata = { title: "AI tasks" };

export default async function TasksPage() {
  const actor = await requireRole("TEACHER", "ADMIN");
  void api.agents.list.prefetchInfinite({});
  return (
    <HydrateClient>
      <PageHeader
        title="AI tasks"
        description={
          actor.role === "ADMIN"
            ? "Every generation task in your organization, newest first."
            : "Your generation requests, newest first. Open one to follow it or review its drafts."
        }
        actions={
          <Button asChild>
            <Link href="/teacher/generate">
              <Sparkles className="size-4" aria-hidden /> Generate
            </Link>
          </Button>
        }
      />
      <TaskList />
    </HydrateClient>
  );
}
