import { Settings } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "~/components/page-header";
import { Button } from "~/components/ui/button";
import { requireRole } from "~/server/auth/session";
import { api, HydrateClient } from "~/trpc/server";
import { USAGE_DAYS } from "./format";
import { TaskConsole } from "./task-console";
import { UsagePanel } from "./usage-panel";
import { WorkerBreakers } from "./worker-breakers";

export const metadata: Metadata = { title: "AI" };

export default async function AdminAiPage() {
  await requireRole("ADMIN");
  void api.aiAdmin.usage.prefetch({ days: USAGE_DAYS });
  void api.aiAdmin.tasks.prefetchInfinite({ status: "all" });
  void api.aiAdmin.breakers.prefetch();
  return (
    <HydrateClient>
      <PageHeader
        title="AI"
        description="How much your organization uses the AI model, against its daily token budget; every generation task, with retry and cancel; and the state of the processes that call the model."
        actions={
          <Button asChild variant="outline">
            <Link href="/admin/settings">
              <Settings className="size-4" aria-hidden /> AI settings
            </Link>
          </Button>
        }
      />
      <div className="grid gap-6">
        <UsagePanel />
        <TaskConsole />
        <WorkerBreakers />
      </div>
    </HydrateClient>
  );
}
