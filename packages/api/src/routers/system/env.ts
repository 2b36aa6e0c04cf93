// What the System page reports about this deployment, read once from the environment: the parts
// readiness checks (as the web app's /api/health/ready does) and the version that runs.
import { readAgentEnv } from "@toolboxai/agents";
import { type RealtimeConfig, realtimeConfigFrom } from "@toolboxai/core";
import { type DatabaseKind, readDbEnv } from "@toolboxai/db";
import { parseEnv } from "@toolboxai/validators";
import { z } from "zod";

export interface SystemEnv {
  databaseKind: DatabaseKind;
  redisUrl: string | null;
  realtime: RealtimeConfig | null;
  model: ReturnType<typeof readAgentEnv>["openai"];
  version: string;
  commit: string | null;
}

const text = z
  .string()
  .trim()
  .transform((v) => v || undefined)
  .optional();
const schema = z.object({
  /** The release, when the deployment names it; else the package version pnpm passes. */
  APP_VERSION: text,
  npm_package_version: text,
  /** The source commit the build came from (set by the image build or the platform). */
  GIT_COMMIT: text,
  SOURCE_COMMIT: text,
});

export function readSystemEnv(env: NodeJS.ProcessEnv = process.env): SystemEnv {
  const vars = parseEnv(schema, env, { what: "version configuration" });
  const agents = readAgentEnv(env);
  return {
    databaseKind: readDbEnv(env).databaseUrl ? "postgresql" : "pglite",
    redisUrl: agents.redisUrl ?? null,
    realtime: realtimeConfigFrom(env),
    model: agents.openai,
    version: vars.APP_VERSION ?? vars.npm_package_version ?? "0.0.0",
    commit: vars.GIT_COMMIT ?? vars.SOURCE_COMMIT ?? null,
  };
}
