export const unreadLabel = (n: number) => `${n} unread message${n === 1 ? "" : "s"}`;

/** Polled until realtime arrives. */
export const POLL_MS = 10_000;

/** A DIRECT thread is named after the other people in it, an announcement after its class. */
export function threadTitle(t: {
  kind: "DIRECT" | "ANNOUNCEMENT";
  className: string | null;
  others: { name: string }[];
}): string {
  if (t.kind === "ANNOUNCEMENT") return t.className ?? "Announcement";
  return t.others.map((p) => p.name).join(", ") || "Conversation";
}
