// Runs `prisma generate` offline. The CLI checks for its native schema engine
// before every command and tries to download it when missing; generate itself
// never uses that engine, so pointing PRISMA_SCHEMA_ENGINE_BINARY at any existing
// file satisfies the check. We only set it when no engine is configured.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
const env = { ...process.env };
env.PRISMA_SCHEMA_ENGINE_BINARY ??= process.execPath;
env.PRISMA_HIDE_UPDATE_MESSAGE = "1";
env.CHECKPOINT_DISABLE = "1";
const result = spawnSync("pnpm", ["exec", "prisma", "generate", "--config", path.join(root, "prisma.config.ts")], {
  cwd: root,
  env,
  stdio: "inherit",
});
process.exit(result.status ?? 1);
