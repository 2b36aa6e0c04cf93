import { ListChecks } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "~/components/page-header";
import { Button } from "~/components/ui/button";
import { requireRole } from "~/server/auth/session";
import { api, HydrateClient } from "~/trpc/server";
import { AgentStatusBanner } from "./agent-status-banner";
import { GenerateForm } from "./generate-form";

export const metadata: Metadata = { title: "Generate with AI" };

export default async function GeneratePage() {
  const actor = await requireRole("TEACHER", "ADMIN");
  void api.agents.status.prefetch();
  void api.agents.standardsCatalog.prefetch();
  return (
    <HydrateClient>
      <PageHeader
        title="Generate with AI"
        description="Describe what you teach: the agents draft a lesson, a quiz and a Roblox environment for you to review before anything reaches students."
        actions={
          <Button asChild variant="outline">
            <Link href="/teacher/tasks">
              <ListChecks className="size-4" aria-hidden /> My AI tasks
            </Link>
          </Button>
        }
      />
      <div className="grid max-w-3xl gap-6">
        <AgentStatusBanner audience={actor.role === "ADMIN" ? "admin" : "teacher"} />
        <GenerateForm />
      </div>
    </HydrateClient>
  );
}
