import { WebSocket } from "ws";
import { channelAuthToken, safeEqual } from "./auth.js";
import {
  CHANNEL_NAME_RE,
  ErrorCode,
  isPresence,
  isPrivate,
  type PusherMessage,
  parseObject,
  send,
  sendError,
  toDataString,
} from "./protocol.js";
import type { Connection, PresenceMember, RealtimeState } from "./state.js";

/**
 * Refuses a private/presence subscription whose authorization does not hold (bad signature, or
 * presence channel_data without a user_id). Two messages, both with the protocol's 4009
 * "unauthorized" code:
 * - `pusher:subscription_error` on the channel, `{ type: "AuthError", error, status, code }`:
 *   the shape soketi sends and pusher-js emits on the channel, where apps listen for refusals;
 * - `pusher:error` on the connection, as Pusher reports a refused subscription there.
 * The connection stays open: only this channel is unauthorized, the socket's other subscriptions
 * are not, and closing with 4009 would tell pusher-js never to reconnect.
 */
function refuseSubscription(
  state: RealtimeState,
  conn: Connection,
  channel: string,
  error: string,
  status = 401,
): void {
  state.log.info({ socketId: conn.socketId, channel, reason: error }, "subscription refused");
  const code = ErrorCode.Unauthorized;
  send(conn.ws, "pusher:subscription_error", { type: "AuthError", error, status, code }, channel);
  sendError(conn.ws, code, `Subscription to ${channel} refused: ${error}`);
}

export function subscribe(state: RealtimeState, conn: Connection, data: Record<string, unknown>): void {
  const { app } = state.config;
  const channel = data.channel;
  if (typeof channel !== "string" || !CHANNEL_NAME_RE.test(channel)) {
    // Malformed rather than unauthorized (4009): no protocol code fits, and the code is optional.
    sendError(conn.ws, null, "Invalid channel name");
    return;
  }
  if (conn.channels.has(channel)) {
    // Idempotent re-subscribe: confirm again.
    send(conn.ws, "pusher_internal:subscription_succeeded", presenceData(state, channel) ?? {}, channel);
    return;
  }
  let member: PresenceMember | undefined;
  if (isPrivate(channel) || isPresence(channel)) {
    const auth = typeof data.auth === "string" ? data.auth : "";
    const channelData = isPresence(channel)
      ? typeof data.channel_data === "string"
        ? data.channel_data
        : ""
      : undefined;
    const expected = channelAuthToken(app.key, app.secret, conn.socketId, channel, channelData);
    if (!auth || !safeEqual(auth, expected)) {
      refuseSubscription(
        state,
        conn,
        channel,
        `Invalid signature: Expected HMAC SHA256 hex digest of ${conn.socketId}:${channel}`,
      );
      return;
    }
    if (channelData !== undefined) {
      const parsed = parseObject(channelData);
      const userId = parsed?.user_id;
      if (!parsed || (typeof userId !== "string" && typeof userId !== "number") || `${userId}` === "") {
        refuseSubscription(state, conn, channel, "Invalid presence channel_data: user_id required", 400);
        return;
      }
      member = { user_id: `${userId}` };
      if (parsed.user_info !== undefined) member.user_info = parsed.user_info;
    }
  }

  let subs = state.channels.get(channel);
  if (!subs) {
    subs = new Map();
    state.channels.set(channel, subs);
  }
  subs.set(conn.socketId, conn);
  conn.channels.add(channel);

  if (member) {
    conn.presence.set(channel, member);
    let members = state.presence.get(channel);
    if (!members) {
      members = new Map();
      state.presence.set(channel, members);
    }
    const existing = members.get(member.user_id);
    if (existing) {
      existing.sockets += 1;
    } else {
      members.set(member.user_id, { member, sockets: 1 });
      broadcast(state, channel, "pusher_internal:member_added", member, conn.socketId);
    }
  }
  state.log.debug({ socketId: conn.socketId, channel }, "subscribed");
  send(conn.ws, "pusher_internal:subscription_succeeded", presenceData(state, channel) ?? {}, channel);
}

function presenceData(
  state: RealtimeState,
  channel: string,
): { presence: { ids: string[]; hash: Record<string, unknown>; count: number } } | undefined {
  if (!isPresence(channel)) return undefined;
  const members = state.presence.get(channel) ?? new Map();
  const ids: string[] = [];
  const hash: Record<string, unknown> = {};
  for (const [id, { member }] of members) {
    ids.push(id);
    hash[id] = member.user_info ?? null;
  }
  return { presence: { ids, hash, count: ids.length } };
}

export function unsubscribe(state: RealtimeState, conn: Connection, channel: string): void {
  if (!conn.channels.delete(channel)) return;
  const subs = state.channels.get(channel);
  subs?.delete(conn.socketId);
  if (subs && subs.size === 0) state.channels.delete(channel);

  const member = conn.presence.get(channel);
  if (member) {
    conn.presence.delete(channel);
    const members = state.presence.get(channel);
    const entry = members?.get(member.user_id);
    if (members && entry) {
      entry.sockets -= 1;
      if (entry.sockets <= 0) {
        members.delete(member.user_id);
        if (members.size === 0) state.presence.delete(channel);
        broadcast(state, channel, "pusher_internal:member_removed", { user_id: member.user_id }, conn.socketId);
      }
    }
  }
  state.log.debug({ socketId: conn.socketId, channel }, "unsubscribed");
}

export function clientEvent(state: RealtimeState, conn: Connection, msg: PusherMessage): void {
  const { config } = state;
  const channel = msg.channel;
  if (!config.enableClientMessages) {
    sendError(conn.ws, null, "Client events are not enabled for this app");
    return;
  }
  if (typeof channel !== "string" || !(isPrivate(channel) || isPresence(channel))) {
    sendError(conn.ws, null, "Client events are only supported on private and presence channels");
    return;
  }
  if (!conn.channels.has(channel)) {
    sendError(conn.ws, null, `Client event rejected: not subscribed to ${channel}`);
    return;
  }
  const now = Date.now();
  conn.clientEventTimes = conn.clientEventTimes.filter((t) => now - t < 1000);
  if (conn.clientEventTimes.length >= config.clientEventRateLimit) {
    sendError(conn.ws, ErrorCode.ClientEventRateLimit, "Client event rejected due to rate limit");
    return;
  }
  conn.clientEventTimes.push(now);
  const out: Record<string, unknown> = { event: msg.event, channel, data: toDataString(msg.data) };
  const member = conn.presence.get(channel);
  if (member) out.user_id = member.user_id;
  const payload = JSON.stringify(out);
  for (const other of state.channels.get(channel)?.values() ?? []) {
    if (other.socketId !== conn.socketId && other.ws.readyState === WebSocket.OPEN) other.ws.send(payload);
  }
}

export function broadcast(
  state: RealtimeState,
  channel: string,
  event: string,
  data: unknown,
  exceptSocketId?: string,
): void {
  const subs = state.channels.get(channel);
  if (!subs) return;
  const payload = JSON.stringify({ event, channel, data: toDataString(data) });
  for (const conn of subs.values()) {
    if (conn.socketId === exceptSocketId) continue;
    if (conn.ws.readyState === WebSocket.OPEN) conn.ws.send(payload);
  }
}
