// Sends realtime events through Pusher's HTTP API (Pusher Channels, or apps/realtime when
// self-hosted). Publishing never blocks or fails the request that caused it: `trigger` returns at
// once, the HTTP call runs in the background, and every error is caught, logged and counted.
// Callers trigger after their write has committed (after the `await`, never inside `$transaction`),
// so a client that refetches on an event sees the new data.
//
// Used by the web app (see ./index.ts) and by apps/worker, so no `server-only` and no `~/env` here.
import http from "node:http";
import https from "node:https";
import pino, { type Logger } from "pino";
import Pusher from "pusher";
import { correlationLogFields, currentOutgoingHeaders } from "../correlation/scope";
import type { RealtimeServerConfig } from "./config";

export interface PublisherStats {
  /** HTTP calls to the realtime server that succeeded (one per batch of at most 100 channels). */
  sent: number;
  /** HTTP calls that failed (server down, refused, timed out) or were dropped because too many were waiting. */
  failed: number;
  /** `trigger` calls that sent nothing: realtime not configured, or no channel. */
  skipped: number;
}

export interface RealtimePublisher {
  /** Sends `event` with `data` to the channels in the background; never throws, never waits. */
  trigger(channels: string | readonly string[], event: string, data: unknown): void;
  stats(): PublisherStats;
  /** Resolves once every send started so far has finished (tests, graceful shutdown). Never rejects. */
  flush(): Promise<void>;
}

/** Pusher's limit of channels per trigger call. */
export const MAX_CHANNELS_PER_CALL = 100;
/** Calls waiting or in flight beyond which new events are dropped (and counted as failed). */
const MAX_PENDING = 1000;
/** An unreachable realtime server must not hold events (and memory) for long. */
const REQUEST_TIMEOUT_MS = 5000;

/** The part of Node's Agent the SDK's requests pass through (public in Node's source, absent from @types/node). */
interface AgentWithAddRequest {
  addRequest(request: http.ClientRequest, options: unknown): void;
}

/**
 * An HTTP(S) agent that adds the current scope's correlation headers (X-Correlation-ID,
 * X-Parent-Correlation-ID, X-Chain-Depth, X-Service-Name) to every request. The SDK sets its own
 * fixed headers and has no option for more, but it sends through `agent`; Node hands each request
 * to its agent's addRequest before the headers are written, so they can still be added there. A
 * trigger's send runs in the scope of the request that triggered it (promise continuations keep
 * their scope), so the headers name that request.
 */
export function correlatingAgent(useTLS: boolean): http.Agent {
  const agent = useTLS ? new https.Agent({ keepAlive: true }) : new http.Agent({ keepAlive: true });
  const internals = agent as unknown as AgentWithAddRequest;
  const addRequest = internals.addRequest.bind(agent);
  internals.addRequest = (request, options) => {
    for (const [name, value] of Object.entries(currentOutgoingHeaders())) {
      if (!request.headersSent) request.setHeader(name, value);
    }
    addRequest(request, options);
  };
  return agent;
}

/** The SDK's client for this configuration: for a self-hosted server its host, port and TLS; else the cluster. */
export function createPusherClient(config: RealtimeServerConfig): Pusher {
  const base = {
    appId: config.appId,
    key: config.key,
    secret: config.secret,
    useTLS: config.useTLS,
    agent: correlatingAgent(config.useTLS),
  };
  return config.host
    ? new Pusher({
        ...base,
        host: config.host,
        ...(config.port ? { port: String(config.port) } : {}),
        timeout: REQUEST_TIMEOUT_MS,
      })
    : new Pusher({ ...base, cluster: config.cluster, timeout: REQUEST_TIMEOUT_MS });
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

function errorFields(error: unknown) {
  // The SDK's RequestError carries the HTTP status and the server's answer; the URL (with its
  // signature) is left out of the logs.
  const e = error as { message?: unknown; status?: unknown; body?: unknown; error?: { message?: unknown } };
  return {
    error: typeof e?.message === "string" ? e.message : String(error),
    status: typeof e?.status === "number" ? e.status : undefined,
    body: typeof e?.body === "string" ? e.body.slice(0, 200) : undefined,
    cause: typeof e?.error?.message === "string" ? e.error.message : undefined,
  };
}

/**
 * A publisher for `config`, or a no-op one (counting `skipped`) when realtime is not configured.
 * Events to the same channels are sent one after another, so they arrive in the order they were
 * triggered (a task's progress never goes backwards); different channels are sent in parallel.
 */
export function createRealtimePublisher(config: RealtimeServerConfig | null, logger?: Logger): RealtimePublisher {
  const stats: PublisherStats = { sent: 0, failed: 0, skipped: 0 };
  const log = logger ?? pino({ base: { service: "realtime-publisher" }, mixin: correlationLogFields });
  const client = config ? createPusherClient(config) : null;
  /** The last send queued per channel list: the next send to the same channels waits for it. */
  const tails = new Map<string, Promise<void>>();
  const inFlight = new Set<Promise<void>>();

  async function send(pusher: Pusher, channels: string[], event: string, data: unknown): Promise<void> {
    try {
      await pusher.trigger(channels, event, data);
      stats.sent++;
    } catch (error) {
      stats.failed++;
      log.warn(
        { ...errorFields(error), event, channels: channels.length, channel: channels[0] },
        "realtime event not sent",
      );
    }
  }

  function enqueue(pusher: Pusher, channels: string[], event: string, data: unknown): void {
    if (inFlight.size >= MAX_PENDING) {
      stats.failed++;
      log.warn({ event, channel: channels[0], pending: inFlight.size }, "realtime event dropped: too many waiting");
      return;
    }
    const key = channels.join(",");
    const previous = tails.get(key) ?? Promise.resolve();
    const next = previous.then(() => send(pusher, channels, event, data));
    tails.set(key, next);
    inFlight.add(next);
    void next.finally(() => {
      inFlight.delete(next);
      if (tails.get(key) === next) tails.delete(key);
    });
  }

  return {
    trigger(channels, event, data) {
      const list = [...new Set(typeof channels === "string" ? [channels] : channels)];
      if (!client || list.length === 0) {
        stats.skipped++;
        return;
      }
      for (const batch of chunks(list, MAX_CHANNELS_PER_CALL)) enqueue(client, batch, event, data);
    },
    stats: () => ({ ...stats }),
    async flush() {
      while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
    },
  };
}
