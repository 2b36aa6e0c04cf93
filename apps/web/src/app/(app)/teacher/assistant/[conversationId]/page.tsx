import { requireRole } from "~/server/auth/session";
import { api, HydrateClient } from "~/trpc/server";

/** One conversation: prefetched here, shown by the layout's workspace (it reads the id from the URL). */
export default async function AssistantConversationPage({ params }: { params: Promise<{ conversationId: string }> }) {
  await requireRole("TEACHER", "ADMIN");
  const { conversationId } = await params;
  void api.assistant.conversation.prefetch({ conversationId });
  return <HydrateClient>{null}</HydrateClient>;
}
