// The export's section for the AI assistants: every message of the person's own teacher-assistant
// and tutor conversations (what they asked, what the assistant answered, the tools it used).
import type { SectionSpec } from "./export-types";

export const assistantConversationsSection: SectionSpec = {
  name: "assistant-conversations",
  description:
    "Your conversations with the AI assistant or tutor: what you asked, what it answered, the tools it used.",
  columns: ["conversationId", "conversation", "kind", "messageId", "role", "content", "toolCalls", "at"],
  collect: async (db, id) => {
    const rows = await db.conversationMessage.findMany({
      where: { conversation: { userId: id } },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      select: {
        id: true,
        role: true,
        content: true,
        toolCalls: true,
        createdAt: true,
        conversation: { select: { id: true, title: true, kind: true } },
      },
    });
    return rows.map((m) => ({
      conversationId: m.conversation.id,
      conversation: m.conversation.title,
      kind: m.conversation.kind,
      messageId: m.id,
      role: m.role,
      content: m.content,
      toolCalls: m.toolCalls as readonly unknown[],
      at: m.createdAt,
    }));
  },
};
