// Types of ./serve-correlation.mjs, for the app's tests (src/server/serve-correlation.test.ts).
import type { AsyncLocalStorage } from "node:async_hooks";
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from "node:http";
import type { Correlation } from "@toolboxai/core";

export const CORRELATION_HEADER: "x-toolboxai-correlation";
export function correlationOf(headers: IncomingHttpHeaders, serviceName: string): Correlation;
export function correlationResponseHeaders(c: Correlation): Record<string, string>;
export function correlationScope(): AsyncLocalStorage<Correlation>;
export function formatDuration(ms: number): string;
export function stampResponse(res: ServerResponse, correlation: Correlation, started: number): void;
export function correlateRequest(req: IncomingMessage, res: ServerResponse, serviceName: string): Correlation;
