// The readiness probes, one per part: each resolves with what it checked, or throws saying why the
// part did not answer. The deadline is applied by ./readiness.ts, never here.
import type { TaskQueue } from "@toolboxai/agents";
import type { Database, DatabaseKind } from "@toolboxai/db";
import { Redis } from "ioredis";
import type Pusher from "pusher";
import type { RealtimeServerConfig } from "../realtime/config";
import { createPusherClient } from "../realtime/publisher";
import type { Probe } from "./readiness";

/** The database answers `SELECT 1`. */
export function databaseProbe(db: Database, kind: DatabaseKind): Probe {
  return async () => {
    await db.$queryRawUnsafe("SELECT 1");
    return kind;
  };
}

export interface RedisProbe {
  probe: Probe;
  close(): void;
}

/**
 * Redis answers PING, on a connection of the probe's own (opened on the first check, kept for the
 * next ones). While Redis is down a PING fails after one reconnection attempt instead of waiting.
 */
export function createRedisProbe(url: string): RedisProbe {
  let client: Redis | null = null;
  return {
    probe: async () => {
      if (!client) {
        client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1, connectTimeout: 2000 });
        // Connection errors reach the PING that waits on them; this only keeps them from being unhandled.
        client.on("error", () => {});
      }
      const reply = await client.ping();
      if (reply !== "PONG") throw new Error(`unexpected reply to PING: ${reply}`);
      return undefined;
    },
    close() {
      client?.disconnect();
      client = null;
    },
  };
}

/** The agents' queue answers its counts: BullMQ reachable through Redis, or the in-process queue running. */
export function queueProbe(queue: Pick<TaskQueue, "kind" | "counts">): Probe {
  return async () => {
    await queue.counts();
    return queue.kind;
  };
}

/** Why a request of the pusher SDK failed: its status and body, or the network error under it. */
function pusherFailure(e: unknown): Error {
  const err = e as Pusher.RequestError;
  if (typeof err?.status === "number")
    return new Error(`HTTP ${err.status}${err.body ? `: ${err.body.slice(0, 200)}` : ""}`);
  if (err?.error instanceof Error) return new Error(err.error.message || err.error.name);
  return e instanceof Error ? e : new Error(String(e));
}

/**
 * The Pusher-compatible server answers its signed HTTP API (GET /apps/{id}/channels) with the
 * app's credentials, so a wrong secret shows as down too. The answer's content is not read.
 */
export function realtimeProbe(config: RealtimeServerConfig): Probe {
  let client: Pusher | null = null;
  return async () => {
    client ??= createPusherClient(config);
    try {
      await client.get({ path: "/channels" });
    } catch (e) {
      throw pusherFailure(e);
    }
    return config.host ? `${config.host}${config.port ? `:${config.port}` : ""}` : `pusher cluster ${config.cluster}`;
  };
}

/** The agents' model settings (see @toolboxai/agents' readAgentEnv). */
export interface ModelSettings {
  apiKey?: string | undefined;
  baseURL?: string | undefined;
  model: string;
}

const OPENAI_BASE_URL = "https://api.openai.com/v1";

/**
 * The model provider: the offline model is always up; an OpenAI-compatible server (a key or a
 * base URL is set, as @toolboxai/agents decides) must answer GET {baseURL}/models with a 2xx.
 */
export function modelProbe(settings: ModelSettings, fetchImpl: typeof fetch = fetch): Probe {
  if (!settings.apiKey && !settings.baseURL) return async () => "offline model";
  const base = (settings.baseURL ?? OPENAI_BASE_URL).replace(/\/+$/, "");
  return async () => {
    let res: Response;
    try {
      res = await fetchImpl(`${base}/models`, {
        headers: { authorization: `Bearer ${settings.apiKey ?? "not-needed"}`, accept: "application/json" },
        signal: AbortSignal.timeout(5000),
      });
    } catch (e) {
      const cause = (e as { cause?: { code?: string; message?: string } }).cause;
      throw new Error(cause?.code ?? cause?.message ?? (e instanceof Error ? e.message : String(e)));
    }
    await res.body?.cancel();
    if (!res.ok) throw new Error(`GET /models answered HTTP ${res.status}`);
    return `openai-compatible, ${settings.model}`;
  };
}
