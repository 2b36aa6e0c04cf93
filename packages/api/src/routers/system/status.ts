// The System page's report: readiness of each part (the same probes and rules as the web app's
// /api/health/ready, see @toolboxai/core's health), this instance's metrics cache lookups, who is
// connected to realtime, and the version. The probes' connections and the model provider's answer
// (asked at most once a minute) are kept for the process.
import {
  cachedProbe,
  checkReadiness,
  createPusherClient,
  createRedisProbe,
  databaseProbe,
  type MetricsRuntime,
  MODEL_PROBE_CACHE_MS,
  modelProbe,
  type Probe,
  queueProbe,
  type RealtimeConfig,
  type RealtimePublisher,
  type RedisProbe,
  readinessParts,
  realtimeProbe,
  type ServiceContext,
  type TaskRuntime,
  withinMs,
} from "@toolboxai/core";
import type { Database } from "@toolboxai/db";
import { parseChannel, type SystemStatus } from "@toolboxai/validators";
import type Pusher from "pusher";
import { readSystemEnv, type SystemEnv } from "./env";

interface Kept {
  env: SystemEnv;
  redis: RedisProbe | null;
  realtime: Probe | null;
  model: Probe;
  pusher: Pusher | null;
}

let kept: Kept | null = null;
function probes(): Kept {
  if (!kept) {
    const env = readSystemEnv();
    kept = {
      env,
      redis: env.redisUrl ? createRedisProbe(env.redisUrl) : null,
      realtime: env.realtime ? realtimeProbe(env.realtime.server) : null,
      model: cachedProbe(modelProbe(env.model), MODEL_PROBE_CACHE_MS),
      pusher: null,
    };
  }
  return kept;
}

export interface SystemDeps {
  svc: ServiceContext;
  agents: () => TaskRuntime;
  metrics: MetricsRuntime;
  realtime: RealtimePublisher | undefined;
}

const REALTIME_TIMEOUT_MS = 2000;

/**
 * Who of the organization is connected: the realtime server lists its occupied channels, and the
 * organization's are those naming it, its users or its classes. A connection itself is not
 * listed by the Pusher HTTP API, so a person is counted once however many tabs they have open.
 */
async function realtimeCounts(svc: ServiceContext, config: RealtimeConfig | null) {
  if (!config) return { connectedPeople: null, occupiedChannels: null };
  const state = probes();
  state.pusher ??= createPusherClient(config.server);
  try {
    const res = await withinMs(REALTIME_TIMEOUT_MS, state.pusher.get({ path: "/channels" }));
    const body = (await res.json()) as { channels?: Record<string, unknown> };
    const userIds: string[] = [];
    const classIds: string[] = [];
    let orgChannels = 0;
    for (const name of Object.keys(body.channels ?? {})) {
      const parsed = parseChannel(name);
      if (parsed?.kind === "org" && parsed.orgId === svc.actor.orgId) orgChannels += 1;
      else if (parsed?.kind === "user") userIds.push(parsed.userId);
      else if (parsed?.kind === "class") classIds.push(parsed.classId);
    }
    // The scoped client finds only this organization's people and classes.
    const [people, classes] = await Promise.all([
      userIds.length ? svc.db.user.count({ where: { id: { in: userIds } } }) : 0,
      classIds.length ? svc.db.class.count({ where: { id: { in: classIds } } }) : 0,
    ]);
    return { connectedPeople: people, occupiedChannels: orgChannels + people + classes };
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    return { connectedPeople: null, occupiedChannels: null, error: `The realtime server did not answer: ${message}` };
  }
}

export async function systemStatus(deps: SystemDeps): Promise<SystemStatus> {
  const state = probes();
  const { env } = state;
  const [readiness, realtime] = await Promise.all([
    checkReadiness(
      readinessParts({
        database: databaseProbe(deps.svc.db as unknown as Database, env.databaseKind),
        redis: state.redis?.probe ?? null,
        // Read when checked: a context without an agents runtime shows the queue as down.
        queue: () => queueProbe(deps.agents().queue)(),
        realtime: state.realtime,
        model: state.model,
      }),
    ),
    realtimeCounts(deps.svc, env.realtime),
  ]);
  const { hits, misses } = deps.metrics.cache.stats();
  return {
    readiness,
    metricsCache: { hits, misses, hitRate: hits + misses === 0 ? null : hits / (hits + misses) },
    realtime: {
      configured: env.realtime !== null,
      ...realtime,
      publisher: deps.realtime?.stats() ?? { sent: 0, failed: 0, skipped: 0 },
    },
    version: { version: env.version, commit: env.commit, node: process.version },
    time: new Date().toISOString(),
  };
}
