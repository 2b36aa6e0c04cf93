"use client";

import { useMutation } from "@tanstack/react-query";
// How the metrics pages read and refresh their numbers. The answers are cached on the server
// (15 minutes for the dashboard) and counted against per-user limits (10 dashboard reads a
// minute), so the pages poll slowly, refetch when the organization's numbers change (the
// `dashboard.changed` event with what "metrics", at most once per MIN_EVENT_REFETCH_MS), and
// "Refresh" asks for a recomputation (force_refresh) whose answer replaces the cached one.
import { channels, realtimeEvents } from "@toolboxai/validators";
import { useEffect, useRef } from "react";
import { toast } from "sonner";
import { useChannelEvent, useLivePolling, useRealtimeUser } from "~/components/realtime/realtime-provider";
import { api } from "~/trpc/react";

/** While realtime is down the numbers are re-read this often (the server caches them anyway). */
export const METRICS_POLL_MS = 60_000;
/** Events can come every few seconds in a busy school: refetch at most this often because of them. */
export const MIN_EVENT_REFETCH_MS = 15_000;

/** The refetchInterval of every metrics query. */
export function useMetricsPolling(): number {
  return useLivePolling(METRICS_POLL_MS);
}

/** Whether a tRPC error is a rate-limit refusal. */
export function isRateLimited(error: unknown): boolean {
  return (error as { data?: { code?: unknown } } | null)?.data?.code === "TOO_MANY_REQUESTS";
}

/** Re-reads the metrics and analytics on screen when the organization's numbers change. */
export function useLiveMetrics() {
  const user = useRealtimeUser();
  const utils = api.useUtils();
  const last = useRef(0);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
    },
    [],
  );
  useChannelEvent(user ? channels.orgDashboard(user.orgId) : null, realtimeEvents.dashboardChanged, (event) => {
    if (event.what !== "metrics" || timer.current) return;
    const wait = Math.max(0, last.current + MIN_EVENT_REFETCH_MS - Date.now());
    timer.current = setTimeout(() => {
      timer.current = null;
      last.current = Date.now();
      void utils.metrics.invalidate();
      void utils.analytics.invalidate();
    }, wait);
  });
}

/**
 * "Refresh": recomputes the dashboard (force_refresh) and puts the answer where the page reads
 * it, then re-reads the page's other numbers. A refusal by the limit is told in a toast with the
 * server's "try again in ..." sentence.
 */
export function useRefreshDashboard() {
  const utils = api.useUtils();
  return useMutation({
    mutationFn: () => utils.client.metrics.dashboard.query({ force_refresh: true }),
    onSuccess: async (fresh) => {
      utils.metrics.dashboard.setData({ force_refresh: false }, fresh);
      await Promise.all([utils.metrics.activity.invalidate(), utils.metrics.statistics.invalidate()]);
    },
    onError: (error) => {
      toast.error(isRateLimited(error) ? "The numbers were refreshed a lot just now" : "Couldn't refresh the numbers", {
        description: error.message,
      });
    },
  });
}
