// How often pages re-read their data while realtime is down or still connecting. Pass these to
// useLivePolling: once the socket is up, events do the work and pages only poll as a safety net.

/** Dashboards, lists and result pages: "every few seconds", as the connection indicator says. */
export const PAGE_POLL_MS = 10_000;

/** Navigation badges: on every page, so a little slower. */
export const BADGE_POLL_MS = 15_000;
