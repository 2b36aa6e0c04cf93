import type { IncomingMessage, Server, ServerResponse } from "node:http";

export const MAX_ROUTE_DEPTH: number;
export const NOT_FOUND_ROUTE: string;
/** The route label of a request path (ids -> ":id", build files one label, depth capped). */
export function routePattern(url: string): string;
/** The route label of a finished request: its pattern, or NOT_FOUND_ROUTE for a 404. */
export function routeLabel(url: string, status: number): string;
/** An observer counting requests under the route labels `labelRoute` gives (./route-table.mjs). */
export function createRequestObserver(
  labelRoute: (url: string, status: number) => string,
): (req: IncomingMessage, res: ServerResponse) => void;
/** Counts a request into http_requests_total and http_request_duration_seconds when it finishes. */
export function observeRequest(req: IncomingMessage, res: ServerResponse): void;
/** Whether a listener on `host` is reachable from this machine only (127.0.0.0/8, ::1, localhost). */
export function isLoopbackHost(host: string): boolean;
/** Whether an Authorization header carries `Bearer <token>` (constant-time comparison). */
export function presentsBearerToken(
  authorization: string | null | undefined,
  token: string | null | undefined,
): boolean;
export interface MetricsAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}
/** The answer to GET /metrics: 404 (not served here), 405, 401 (token required) or 200 with the text format. */
export function metricsAnswer(
  request: { method: string; authorization: string | null | undefined },
  access: { token: string | null; open?: boolean },
): Promise<MetricsAnswer>;
/** A server answering only GET /metrics on an internal port (with a token, it is required there too). */
export function startMetricsServer(options: { port: number; host?: string; token?: string | null }): Promise<Server>;
