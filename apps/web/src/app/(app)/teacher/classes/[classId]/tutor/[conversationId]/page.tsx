import { TRPCError } from "@trpc/server";
import type { Metadata } from "next";
import { requireRole } from "~/server/auth/session";
import { notFoundUnless } from "~/server/not-found";
import { api, HydrateClient } from "~/trpc/server";
import { TutorConversationReader } from "./tutor-conversation-reader";

export const metadata: Metadata = { title: "Tutor conversation" };

/** One student's conversation with the tutor, as their teacher reads it. */
export default async function TutorConversationPage({
  params,
}: {
  params: Promise<{ classId: string; conversationId: string }>;
}) {
  await requireRole("TEACHER", "ADMIN");
  const { classId, conversationId } = await params;
  await notFoundUnless(async () => {
    const conversation = await api.assistant.conversation({ conversationId });
    // The address names the class: a conversation of another class is not found here.
    if (conversation.kind !== "TUTOR" || conversation.classId !== classId) throw new TRPCError({ code: "NOT_FOUND" });
  });
  void api.assistant.conversation.prefetch({ conversationId });
  return (
    <HydrateClient>
      <TutorConversationReader classId={classId} conversationId={conversationId} />
    </HydrateClient>
  );
}
