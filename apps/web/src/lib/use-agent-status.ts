"use client";

// The agents' status (model, breaker, queue, cache) as the Generate page and the admin home show
// it: re-read when the organization's agent-status channel says a task was queued, started,
// retried or finished, and polled (faster while realtime is down) for changes no task announces.
import { type AgentStatusView, channels, realtimeEvents } from "@toolboxai/validators";
import { useChannelEvent, useLivePolling, useRealtimeUser } from "~/components/realtime/realtime-provider";
import { api } from "~/trpc/react";

export function useAgentStatus(initialData?: AgentStatusView) {
  const utils = api.useUtils();
  const user = useRealtimeUser();
  const refetchInterval = useLivePolling(15_000);
  const query = api.agents.status.useQuery(undefined, { refetchInterval, initialData });
  useChannelEvent(user ? channels.orgAgentStatus(user.orgId) : null, realtimeEvents.agentStatusChanged, () => {
    void utils.agents.status.invalidate();
  });
  return query;
}
