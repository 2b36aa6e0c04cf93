import type { Metadata } from "next";
import { PageHeader } from "~/components/page-header";
import { requireRole } from "~/server/auth/session";
import { api, HydrateClient } from "~/trpc/server";
import { AssistantWorkspace } from "./assistant-workspace";

export const metadata: Metadata = { title: "Assistant" };

/**
 * Both assistant pages (/teacher/assistant and /teacher/assistant/[conversationId]) render inside
 * this layout's workspace, which React keeps mounted between them: when the first message starts a
 * conversation and the page moves to its URL, the reply streaming in is not cut off. The pages
 * only prefetch (they come first, so their data is in the cache when the workspace renders).
 */
export default async function AssistantLayout({ children }: { children: React.ReactNode }) {
  await requireRole("TEACHER", "ADMIN");
  void api.assistant.conversations.prefetch({ kind: "TEACHER" });
  return (
    <HydrateClient>
      <PageHeader
        title="Assistant"
        description="Ask for a lesson or a quiz, search your content, or get a summary of your classes. Drafts it makes open in the editor for you to review."
      />
      {children}
      <AssistantWorkspace />
    </HydrateClient>
  );
}
