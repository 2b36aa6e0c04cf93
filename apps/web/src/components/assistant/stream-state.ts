// The reply being streamed, as a reducer of the stream's events (`assistantStreamEventSchema`),
// and how it is laid over the conversation's stored messages. Pure, so the order of events and
// the hand-over from the live reply to the stored one are specified without a browser.
import type {
  AssistantGuard,
  AssistantStreamEvent,
  AssistantToolCall,
  ConversationMessageView,
} from "@toolboxai/validators";

/**
 * `sending`: asked, nothing back yet; `streaming`: the reply is arriving; then one of
 * `done`, `stopped` (the person stopped it) or `failed` (the server's error, or the connection's).
 */
export type LiveStatus = "sending" | "streaming" | "done" | "stopped" | "failed";

export interface LiveReply {
  status: LiveStatus;
  /** What the person typed; null when regenerating. */
  content: string | null;
  /** The person's message as the server saved it (from `started`). */
  userMessage: ConversationMessageView | null;
  conversationId: string | null;
  /** The reply's id (from `started`): what `stop` takes. */
  messageId: string | null;
  /** When regenerating: the reply being written again, hidden meanwhile. */
  replaces: string | null;
  text: string;
  toolCalls: AssistantToolCall[];
  guard: AssistantGuard | null;
  provider: string | null;
  model: string | null;
  /** The finished reply, from `done`. */
  message: ConversationMessageView | null;
  error: string | null;
}

export type LiveAction =
  | { type: "send"; content: string; conversationId: string | null }
  | { type: "regenerate"; conversationId: string; replaces: string | null }
  | { type: "event"; event: AssistantStreamEvent }
  /** The subscription itself failed (a refused request, a dropped connection). */
  | { type: "failed"; message: string }
  | { type: "stopped" }
  | { type: "clear" };

const blank = {
  userMessage: null,
  messageId: null,
  text: "",
  toolCalls: [],
  guard: null,
  provider: null,
  model: null,
  message: null,
  error: null,
} satisfies Partial<LiveReply>;

export function isLive(reply: LiveReply | null): boolean {
  return reply?.status === "sending" || reply?.status === "streaming";
}

export function liveReplyReducer(state: LiveReply | null, action: LiveAction): LiveReply | null {
  switch (action.type) {
    case "send":
      return {
        ...blank,
        status: "sending",
        content: action.content,
        conversationId: action.conversationId,
        replaces: null,
      };
    case "regenerate":
      return {
        ...blank,
        status: "sending",
        content: null,
        conversationId: action.conversationId,
        replaces: action.replaces,
      };
    case "clear":
      return null;
    case "stopped":
      return state && isLive(state) ? { ...state, status: "stopped" } : state;
    case "failed":
      return state && isLive(state) ? { ...state, status: "failed", error: action.message } : state;
    case "event":
      // Whatever arrives after the reply ended (stopped here, or already done) is not shown.
      return state && isLive(state) ? applyEvent(state, action.event) : state;
  }
}

function applyEvent(state: LiveReply, event: AssistantStreamEvent): LiveReply {
  switch (event.type) {
    case "started":
      return {
        ...state,
        status: "streaming",
        conversationId: event.conversationId,
        userMessage: event.userMessage ?? state.userMessage,
        messageId: event.messageId,
        provider: event.provider,
        model: event.model,
      };
    case "text":
      return { ...state, status: "streaming", text: state.text + event.delta };
    case "tool": {
      const others = state.toolCalls.filter((call) => call.id !== event.call.id);
      return { ...state, status: "streaming", toolCalls: [...others, event.call] };
    }
    case "replaced":
      return { ...state, text: event.content, guard: event.guard };
    case "done":
      return {
        ...state,
        status: "done",
        message: event.message,
        messageId: event.message.id,
        text: event.message.content,
        toolCalls: event.message.toolCalls,
        guard: event.message.guard,
        provider: event.message.provider ?? state.provider,
        model: event.message.model ?? state.model,
      };
    case "error":
      return { ...state, status: "failed", error: event.message };
  }
}

/** One message of the thread as it is shown: stored, or the live reply (and the message that asked for it). */
export interface ThreadItem {
  key: string;
  /** Null for what the server has not saved yet (the message just typed). */
  id: string | null;
  role: "USER" | "ASSISTANT";
  content: string;
  toolCalls: AssistantToolCall[];
  guard: AssistantGuard | null;
  provider: string | null;
  status: ConversationMessageView["status"] | "SENDING";
  /** The reply still arriving: the streaming cursor and aria-live go on it. */
  live: boolean;
}

function fromStored(message: ConversationMessageView): ThreadItem {
  return {
    key: message.id,
    id: message.id,
    role: message.role,
    content: message.content,
    toolCalls: message.toolCalls,
    guard: message.guard,
    provider: message.provider,
    status: message.status,
    live: false,
  };
}

/**
 * The stored messages with the live reply laid over them. The live reply is shown until the
 * stored copy of it has finished (a refetch during the stream reads it half-written); the reply a
 * regeneration replaces is hidden; a message whose send failed before the server saved it is not
 * shown (its text goes back into the composer).
 */
export function threadItems(stored: readonly ConversationMessageView[], live: LiveReply | null): ThreadItem[] {
  if (!live) return stored.map(fromStored);
  const storedReply = live.messageId ? stored.find((m) => m.id === live.messageId) : undefined;
  const showLive = !storedReply || isLive(live) || storedReply.status === "STREAMING";
  // A regeneration refused before it started leaves the reply it would have replaced in place.
  const hidden = isLive(live) || live.messageId !== null ? live.replaces : null;
  const items = stored.filter((m) => m.id !== hidden && !(showLive && m.id === live.messageId)).map(fromStored);

  const saved = live.userMessage;
  if (saved && !stored.some((m) => m.id === saved.id)) items.push(fromStored(saved));
  if (!saved && live.content !== null && isLive(live)) {
    items.push({
      key: "live-user",
      id: null,
      role: "USER",
      content: live.content,
      toolCalls: [],
      guard: null,
      provider: null,
      status: "SENDING",
      live: false,
    });
  }

  const hasReply = live.text !== "" || live.toolCalls.length > 0;
  if (showLive && (isLive(live) || hasReply)) {
    items.push({
      key: live.messageId ?? "live-reply",
      id: live.messageId,
      role: "ASSISTANT",
      content: live.text,
      toolCalls: live.toolCalls,
      guard: live.guard,
      provider: live.provider,
      status: isLive(live)
        ? "STREAMING"
        : live.status === "done"
          ? // A reply stopped from elsewhere (another tab's Stop) ends with `done` and a STOPPED message.
            (live.message?.status ?? "COMPLETE")
          : live.status === "stopped"
            ? "STOPPED"
            : "FAILED",
      live: isLive(live),
    });
  }
  return items;
}
