"use client";

// For server-rendered pages (their data is not in tRPC queries): re-renders the page on the
// server when the organization's dashboard counts change, and also every few seconds while
// realtime is down (a slow safety refresh while it is up), so the page stays current either way.
import { channels, type DashboardChangedEventData, realtimeEvents } from "@toolboxai/validators";
import { useRouter } from "next/navigation";
import { useEffect, useRef } from "react";
import { PAGE_POLL_MS } from "./poll-intervals";
import { useChannelEvent, useLivePolling, useRealtimeUser } from "./realtime-provider";

/** Several changes in a burst cause one refresh. */
const REFRESH_DELAY_MS = 1000;

export function RefreshOnDashboardChange({ what }: { what: DashboardChangedEventData["what"][] }) {
  const router = useRouter();
  const user = useRealtimeUser();
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
    },
    [],
  );
  useChannelEvent(user ? channels.orgDashboard(user.orgId) : null, realtimeEvents.dashboardChanged, (event) => {
    if (!what.includes(event.what)) return;
    timer.current ??= setTimeout(() => {
      timer.current = null;
      router.refresh();
    }, REFRESH_DELAY_MS);
  });

  // The polling fallback, like a query's refetchInterval: not while the tab is hidden.
  const pollMs = useLivePolling(PAGE_POLL_MS);
  useEffect(() => {
    const interval = setInterval(() => {
      if (document.visibilityState === "visible") router.refresh();
    }, pollMs);
    return () => clearInterval(interval);
  }, [pollMs, router]);
  return null;
}
