import type { Metadata } from "next";
import { requireRole } from "~/server/auth/session";
import { api, HydrateClient } from "~/trpc/server";
import { TaskDetail } from "./task-detail";

export const metadata: Metadata = { title: "AI task" };

export default async function TaskPage({ params }: { params: Promise<{ taskId: string }> }) {
  const actor = await requireRole("TEACHER", "ADMIN");
  const { taskId } = await params;
  void api.agents.get.prefetch({ taskId });
  return (
    <HydrateClient>
      <TaskDetail taskId={taskId} audience={actor.role === "ADMIN" ? "admin" : "teacher"} />
    </HydrateClient>
  );
}
