"use client";

// The browser's one connection to the realtime server (Pusher Channels or apps/realtime), shared
// by every component through hooks. Realtime only ever speeds things up: with no configuration,
// or while the socket is down, pages keep polling (see useLivePolling) and nothing fails.
import { useQueryClient } from "@tanstack/react-query";
import {
  type AgentStatusChangedEventData,
  agentStatusChangedEventSchema,
  type DashboardChangedEventData,
  dashboardChangedEventSchema,
  type GradeReleasedEventData,
  gradeReleasedEventSchema,
  type MessageCreatedEventData,
  messageCreatedEventSchema,
  type RealtimeClientConfig,
  type Role,
  realtimeEvents,
  roleSchema,
  type TaskProgressEventData,
  taskProgressEventSchema,
} from "@toolboxai/validators";
import type Pusher from "pusher-js";
import type { Channel, PresenceChannel } from "pusher-js";
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState } from "react";
import { z } from "zod";

export type RealtimeStatus = "connected" | "connecting" | "unavailable";

export interface RealtimeUser {
  userId: string;
  orgId: string;
  role: Role;
}

/** How often pages re-read their data while realtime is connected: a safety net for missed events. */
export const SAFETY_POLL_MS = 30_000;

/** What each event carries; payloads that don't match are dropped. */
export interface RealtimeEventMap {
  [realtimeEvents.taskProgress]: TaskProgressEventData;
  [realtimeEvents.messageCreated]: MessageCreatedEventData;
  [realtimeEvents.gradeReleased]: GradeReleasedEventData;
  [realtimeEvents.dashboardChanged]: DashboardChangedEventData;
  [realtimeEvents.agentStatusChanged]: AgentStatusChangedEventData;
}
export type RealtimeEventName = keyof RealtimeEventMap;

const EVENT_SCHEMAS: { [E in RealtimeEventName]: z.ZodType<RealtimeEventMap[E]> } = {
  [realtimeEvents.taskProgress]: taskProgressEventSchema,
  [realtimeEvents.messageCreated]: messageCreatedEventSchema,
  [realtimeEvents.gradeReleased]: gradeReleasedEventSchema,
  [realtimeEvents.dashboardChanged]: dashboardChangedEventSchema,
  [realtimeEvents.agentStatusChanged]: agentStatusChangedEventSchema,
};

interface RealtimeContextValue {
  client: Pusher | null;
  status: RealtimeStatus;
  user: RealtimeUser | null;
  /** Subscribes (the first caller) and returns the channel; pair every call with `release`. */
  acquire: (name: string) => Channel;
  /** Unsubscribes when the last user of the channel lets go. */
  release: (name: string) => void;
}

const RealtimeContext = createContext<RealtimeContextValue>({
  client: null,
  status: "unavailable",
  user: null,
  acquire: () => {
    throw new Error("No realtime client");
  },
  release: () => {},
});

/** pusher-js states → ours: "unavailable", "failed" and "disconnected" all mean "poll instead". */
function toStatus(state: string): RealtimeStatus {
  if (state === "connected") return "connected";
  if (state === "initialized" || state === "connecting") return "connecting";
  return "unavailable";
}

export function RealtimeProvider({
  config,
  user,
  children,
}: {
  /** From the server's env (`env.realtime?.client`); null when realtime is off. */
  config: RealtimeClientConfig;
  user: RealtimeUser;
  children: React.ReactNode;
}) {
  const queryClient = useQueryClient();
  const [client, setClient] = useState<Pusher | null>(null);
  const [status, setStatus] = useState<RealtimeStatus>(config ? "connecting" : "unavailable");
  const refCounts = useRef(new Map<string, number>());

  // The effect depends on the config's values, not on the object (a new one arrives on each render).
  const { key, cluster, wsHost, wsPort, forceTLS } = config ?? {};
  useEffect(() => {
    if (!key || !cluster) {
      setStatus("unavailable");
      return;
    }
    let cancelled = false;
    let pusher: Pusher | null = null;
    let wasConnected = false;
    setStatus("connecting");
    // Loaded on demand: pages work (by polling) before, and without, the library.
    import("pusher-js")
      .then(({ default: PusherClient }) => {
        if (cancelled) return;
        pusher = new PusherClient(key, {
          cluster,
          ...(wsHost ? { wsHost } : {}),
          ...(wsPort ? { wsPort, wssPort: wsPort } : {}),
          forceTLS: forceTLS ?? true,
          // Without this pusher-js falls back to HTTP streaming/polling, which apps/realtime doesn't serve.
          enabledTransports: ["ws", "wss"],
          channelAuthorization: { endpoint: "/api/pusher/auth", transport: "ajax" },
        });
        pusher.connection.bind("state_change", ({ current }: { current: string }) => {
          const next = toStatus(current);
          setStatus(next);
          if (next !== "connected") return;
          // Back after a drop: events sent meanwhile are lost, so re-read what is on screen.
          if (wasConnected) void queryClient.invalidateQueries();
          wasConnected = true;
        });
        setClient(pusher);
      })
      .catch(() => {
        if (!cancelled) setStatus("unavailable");
      });
    return () => {
      cancelled = true;
      pusher?.disconnect();
      refCounts.current.clear();
      setClient(null);
    };
  }, [key, cluster, wsHost, wsPort, forceTLS, queryClient]);

  // Channels whose subscription was refused or failed (e.g. the auth endpoint answered 500):
  // their events won't come, so pages must keep polling at their normal pace.
  const [refused, setRefused] = useState<ReadonlySet<string>>(() => new Set());
  const acquire = useCallback(
    (name: string) => {
      if (!client) throw new Error("No realtime client");
      const counts = refCounts.current;
      const first = !counts.has(name);
      counts.set(name, (counts.get(name) ?? 0) + 1);
      // pusher.subscribe returns the existing channel when it is already subscribed.
      const channel = client.subscribe(name);
      if (first) {
        const mark = (failed: boolean) =>
          setRefused((current) => {
            if (current.has(name) === failed) return current;
            const next = new Set(current);
            if (failed) next.add(name);
            else next.delete(name);
            return next;
          });
        channel.bind("pusher:subscription_error", () => mark(true));
        channel.bind("pusher:subscription_succeeded", () => mark(false));
      }
      return channel;
    },
    [client],
  );
  const release = useCallback(
    (name: string) => {
      const counts = refCounts.current;
      const left = (counts.get(name) ?? 0) - 1;
      if (left > 0) {
        counts.set(name, left);
        return;
      }
      counts.delete(name);
      client?.unsubscribe(name);
      setRefused((current) => {
        if (!current.has(name)) return current;
        const next = new Set(current);
        next.delete(name);
        return next;
      });
    },
    [client],
  );

  const { userId, orgId, role } = user;
  // "connected" only counts when every subscription on screen went through.
  const liveStatus: RealtimeStatus = status === "connected" && refused.size > 0 ? "connecting" : status;
  const value = useMemo<RealtimeContextValue>(
    () => ({ client, status: liveStatus, user: { userId, orgId, role }, acquire, release }),
    [client, liveStatus, userId, orgId, role, acquire, release],
  );
  return <RealtimeContext.Provider value={value}>{children}</RealtimeContext.Provider>;
}

/** "connected", "connecting" or "unavailable" (also when realtime is not configured). */
export function useRealtimeStatus(): RealtimeStatus {
  return useContext(RealtimeContext).status;
}

/** The signed-in user's ids, to build channel names; null outside the signed-in pages. */
export function useRealtimeUser(): RealtimeUser | null {
  return useContext(RealtimeContext).user;
}

/**
 * A query's `refetchInterval`: `interval` while realtime is not connected (polling is how the page
 * stays current), and a slow safety poll once it is (events do the work).
 */
export function useLivePolling(interval: number): number {
  const connected = useRealtimeStatus() === "connected";
  return connected ? Math.max(interval, SAFETY_POLL_MS) : interval;
}

/**
 * Calls `handler` with each `event` on `channel` (null: nothing). Components share a channel: it
 * is subscribed once and unsubscribed when the last of them unmounts. The latest handler is
 * always the one called, so it may close over fresh state without re-subscribing.
 * `onSubscribed` runs each time the subscription (re)starts, e.g. to catch up on missed events.
 */
export function useChannelEvent<E extends RealtimeEventName>(
  channel: string | null,
  event: E,
  handler: (data: RealtimeEventMap[E]) => void,
  options: { onSubscribed?: () => void } = {},
): void {
  const { client, acquire, release } = useContext(RealtimeContext);
  const handlerRef = useRef(handler);
  const onSubscribedRef = useRef(options.onSubscribed);
  useEffect(() => {
    handlerRef.current = handler;
    onSubscribedRef.current = options.onSubscribed;
  });

  useEffect(() => {
    if (!client || !channel) return;
    const subscription = acquire(channel);
    const schema = EVENT_SCHEMAS[event];
    const onEvent = (data: unknown) => {
      const parsed = schema.safeParse(data);
      if (parsed.success) handlerRef.current(parsed.data);
      else console.warn(`Ignored a malformed "${event}" event on ${channel}`, parsed.error.issues);
    };
    const onSubscribed = () => onSubscribedRef.current?.();
    subscription.bind(event, onEvent);
    subscription.bind("pusher:subscription_succeeded", onSubscribed);
    return () => {
      subscription.unbind(event, onEvent);
      subscription.unbind("pusher:subscription_succeeded", onSubscribed);
      release(channel);
    };
  }, [client, channel, event, acquire, release]);
}

export interface PresenceMember {
  id: string;
  name: string;
  role: Role | null;
}

/** What the auth endpoint puts in `channel_data.user_info`; read defensively. */
const memberInfoSchema = z.object({
  name: z.string().min(1).catch("Someone"),
  role: roleSchema.nullable().catch(null),
});

function readMembers(channel: PresenceChannel): PresenceMember[] {
  const members: PresenceMember[] = [];
  channel.members.each((member: { id: string; info: unknown }) => {
    const info = memberInfoSchema.parse(member.info ?? {});
    members.push({ id: String(member.id), name: info.name, role: info.role });
  });
  return members.sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * Who else is on a presence channel (the signed-in user included). `available` is false while
 * the socket is down or when the subscription was refused: show a quiet note, not an error.
 */
export function usePresence(channel: string | null): { members: PresenceMember[]; available: boolean } {
  const { client, status, acquire, release } = useContext(RealtimeContext);
  const [state, setState] = useState<{ channel: string | null; members: PresenceMember[] }>({
    channel: null,
    members: [],
  });

  useEffect(() => {
    if (!client || !channel) return;
    const subscription = acquire(channel) as PresenceChannel;
    const update = () => setState({ channel, members: readMembers(subscription) });
    const failed = () => setState({ channel: null, members: [] });
    subscription.bind("pusher:subscription_succeeded", update);
    subscription.bind("pusher:member_added", update);
    subscription.bind("pusher:member_removed", update);
    subscription.bind("pusher:subscription_error", failed);
    // Another component may have subscribed already: its members are known.
    if (subscription.subscribed) update();
    return () => {
      subscription.unbind("pusher:subscription_succeeded", update);
      subscription.unbind("pusher:member_added", update);
      subscription.unbind("pusher:member_removed", update);
      subscription.unbind("pusher:subscription_error", failed);
      release(channel);
      setState({ channel: null, members: [] });
    };
  }, [client, channel, acquire, release]);

  const available = status === "connected" && channel !== null && state.channel === channel;
  return { members: available ? state.members : [], available };
}
