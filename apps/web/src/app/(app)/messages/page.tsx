import type { Metadata } from "next";
import { PageHeader } from "~/components/page-header";
import { requireRole } from "~/server/auth/session";
import { api, HydrateClient } from "~/trpc/server";
import { Inbox } from "./inbox";

export const metadata: Metadata = { title: "Messages" };

export default async function MessagesPage({ searchParams }: { searchParams: Promise<{ thread?: string }> }) {
  const actor = await requireRole("TEACHER", "STUDENT", "ADMIN", "PARENT");
  const { thread } = await searchParams;
  void api.messages.threads.prefetch();
  return (
    <HydrateClient>
      <PageHeader
        title="Messages"
        description={
          actor.role === "STUDENT"
            ? "Write to your teachers and read your classes' announcements."
            : actor.role === "PARENT"
              ? "Write to your child's teachers."
              : "Write to your students and their parents, and post announcements to your classes."
        }
      />
      <Inbox
        viewerId={actor.userId}
        canAnnounce={actor.role === "TEACHER" || actor.role === "ADMIN"}
        initialThreadId={thread ?? null}
      />
    </HydrateClient>
  );
}
