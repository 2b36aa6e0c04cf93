// Types of ./serve-metrics.mjs, for the app's tests (src/server/serve-metrics.test.ts).
import type { IncomingMessage, Server, ServerResponse } from "node:http";

export function requestObserverFor(
  dir: string,
  options?: { dev?: boolean },
): (req: IncomingMessage, res: ServerResponse) => void;
export function createRequestObserver(
  labelRoute: (url: string, status: number) => string,
): (req: IncomingMessage, res: ServerResponse) => void;
export function observeRequest(req: IncomingMessage, res: ServerResponse): void;
export function routePattern(url: string): string;
export function startMetricsServer(options: { port: number; host?: string; token?: string | null }): Promise<Server>;
export function internalMetricsAddress(
  env: Record<string, string | undefined>,
): { port: number; host: string; token: string | null } | null;
export function startInternalMetrics(env: Record<string, string | undefined>): Promise<Server | null>;
