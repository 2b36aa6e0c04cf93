// POST /api/mcp: MCP's Streamable HTTP transport, stateless. Every request builds a fresh server
// for the caller (no sessions to keep between instances), answered as one JSON response. Only API
// keys are accepted: a desktop assistant acts within a key's scopes, never with the full powers
// of a browser session or an app token. Refusals before MCP is spoken (no key, over a limit, a body
// too large) are the REST API's problem+json; everything after is JSON-RPC.
import { WebStandardStreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js";
import { LATEST_PROTOCOL_VERSION } from "@modelcontextprotocol/sdk/types.js";
import { type Actor, correlationResponseHeaders, runWithCorrelation, type ToolContext } from "@toolboxai/core";
import { scopeToOrganization } from "@toolboxai/db";
import type { ContextInner } from "../context";
import { rateLimitResponseHeaders } from "../middlewares/rate-limit";
import { MAX_BODY_BYTES } from "../openapi/body";
import { type ProblemInput, problemResponse } from "../openapi/problem";
import { createMcpServer } from "./server";

export const MCP_ENDPOINT = "/api/mcp";
export const MCP_TRANSPORT = "streamable-http";
export const MCP_PROTOCOL_VERSION = LATEST_PROTOCOL_VERSION;

export interface McpResponseInfo {
  ctx: ContextInner;
  /** `MCP tools/call list_my_classes`; null when the body named no method. */
  operation: string | null;
  status: number;
}

export interface McpHandlerOptions {
  /** Called once per request with its final status (API key usage); never breaks the response. */
  onResponse?: (info: McpResponseInfo) => void;
  /** Where unexpected failures are logged. */
  logger?: { error(fields: object, message: string): void; warn(fields: object, message: string): void };
}

const KEY_ONLY =
  "The MCP endpoint takes an API key: send `Authorization: Bearer <key>` (a browser session or an app token is not accepted here).";

/** The service context the tools run with: what tRPC's requireActor builds, plus the agents. */
export function mcpServiceContext(ctx: ContextInner, actor: Actor): ToolContext {
  return {
    db: scopeToOrganization(ctx.db, actor.orgId),
    actor,
    correlationId: ctx.correlationId,
    requestId: ctx.correlation.requestId,
    realtime: ctx.realtime,
    metricsCache: ctx.metrics.cache,
    agents: ctx.agents,
  };
}

/** Counts the request as REST counts one: the key's own budget, then its user's (the plan multiplying). */
async function countRequest(ctx: ContextInner, actor: Actor): Promise<boolean> {
  const limiter = ctx.rateLimiter;
  if (!limiter) return true;
  const plan = await limiter.planOf(ctx.db, actor.orgId);
  for (const [rule, key] of [
    ["api.key", actor.apiKeyId ?? actor.userId],
    ["api.user", actor.userId],
  ] as const) {
    const decision = await limiter.hit(rule, key, { plan });
    ctx.limits.push(decision);
    if (!decision.allowed) return false;
  }
  return true;
}

/** `MCP tools/call draft_lesson`: what the key's usage counts the request as. */
function operationOf(body: unknown): string | null {
  const first = Array.isArray(body) ? body[0] : body;
  if (typeof first !== "object" || first === null) return null;
  const { method, params } = first as { method?: unknown; params?: { name?: unknown } };
  if (typeof method !== "string") return null;
  const tool = method === "tools/call" && typeof params?.name === "string" ? ` ${params.name}` : "";
  return `MCP ${method}${tool}`.slice(0, 120);
}

type Body = { ok: true; value: unknown } | { ok: false; status: 400 | 413; code: string; detail: string };

/** The JSON body, read within the REST API's cap (the transport is handed it parsed). */
async function readBody(req: Request): Promise<Body> {
  const tooLarge = {
    ok: false,
    status: 413,
    code: "PAYLOAD_TOO_LARGE",
    detail: `The request body is larger than ${MAX_BODY_BYTES / 1024 / 1024} MiB.`,
  } as const;
  const declared = Number(req.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > MAX_BODY_BYTES) return tooLarge;
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (req.body) {
    for await (const chunk of req.body as unknown as AsyncIterable<Uint8Array>) {
      size += chunk.byteLength;
      if (size > MAX_BODY_BYTES) return tooLarge;
      chunks.push(chunk);
    }
  }
  try {
    return { ok: true, value: JSON.parse(Buffer.concat(chunks).toString("utf8")) };
  } catch {
    return { ok: false, status: 400, code: "PARSE_ERROR", detail: "The body is not valid JSON." };
  }
}

export function createMcpHandler(options: McpHandlerOptions = {}) {
  return async function handle(req: Request, ctx: ContextInner): Promise<Response> {
    const instance = new URL(req.url).pathname;
    let operation: string | null = null;

    const finish = (res: Response, extra: Record<string, string> = {}): Response => {
      const headers = new Headers(res.headers);
      const fields = { ...correlationResponseHeaders(ctx.correlation), ...rateLimitResponseHeaders(ctx, []), ...extra };
      for (const [name, value] of Object.entries(fields)) headers.set(name, value);
      headers.set("cache-control", "no-store");
      try {
        options.onResponse?.({ ctx, operation, status: res.status });
      } catch (error) {
        options.logger?.warn({ err: error, requestId: ctx.correlation.requestId }, "mcp: onResponse failed");
      }
      return new Response(res.body, { status: res.status, statusText: res.statusText, headers });
    };
    const fail = (problem: Omit<ProblemInput, "instance" | "correlation">, extra: Record<string, string> = {}) =>
      finish(problemResponse({ ...problem, instance, correlation: ctx.correlation }), extra);

    const actor = ctx.actor;
    if (!actor?.apiKeyId) {
      const rejected = ctx.authRejection?.rejected;
      return fail({
        status: rejected?.code === "FORBIDDEN" ? 403 : 401,
        code: rejected?.code ?? "UNAUTHORIZED",
        detail: rejected?.message ?? KEY_ONLY,
      });
    }
    if (!(await countRequest(ctx, actor))) {
      const wait = ctx.limits.find((d) => !d.allowed)?.resetSeconds ?? 60;
      return fail({
        status: 429,
        code: "TOO_MANY_REQUESTS",
        detail: `Too many requests from this API key: try again in ${wait} seconds.`,
      });
    }
    // Stateless: no stream to open (GET) and no session to end (DELETE). The specification lets a
    // server answer both with 405, which clients take as "not offered".
    if (req.method !== "POST") {
      return fail(
        {
          status: 405,
          code: "METHOD_NOT_SUPPORTED",
          detail: `${instance} takes POST (MCP's Streamable HTTP, stateless).`,
        },
        { Allow: "POST" },
      );
    }
    const body = await readBody(req);
    if (!body.ok) return fail({ status: body.status, code: body.code, detail: body.detail });
    operation = operationOf(body.value);

    const server = createMcpServer(mcpServiceContext(ctx, actor), {
      onToolFailure: (error, tool) =>
        options.logger?.error({ err: error, tool, requestId: ctx.correlation.requestId }, "mcp: tool failed"),
    });
    const transport = new WebStandardStreamableHTTPServerTransport({
      sessionIdGenerator: undefined,
      enableJsonResponse: true,
    });
    try {
      await server.connect(transport);
      const res = await runWithCorrelation(ctx.correlation, () =>
        transport.handleRequest(req, { parsedBody: body.value }),
      );
      // The JSON answer is complete once handleRequest resolves: read it before the server closes.
      const text = res.body ? await res.text() : null;
      return finish(new Response(text, { status: res.status, headers: res.headers }));
    } finally {
      await server.close();
    }
  };
}
