import { requireRole } from "~/server/auth/session";

/** A new conversation: the layout's workspace shows an empty thread; nothing to prefetch. */
export default async function AssistantPage() {
  await requireRole("TEACHER", "ADMIN");
  return null;
}
