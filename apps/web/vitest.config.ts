import path from "node:path";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const dir = path.dirname(fileURLToPath(import.meta.url));

export default defineConfig({
  resolve: {
    alias: {
      "~": path.join(dir, "src"),
      // `server-only` throws outside React Server Components' bundle; tests are server code.
      "server-only": path.join(dir, "src/test/empty.ts"),
    },
  },
  test: {
    include: ["src/**/*.test.ts"],
    env: {
      NEXTAUTH_SECRET: "test-secret-test-secret-test-secret-000",
      LOG_LEVEL: "silent",
      // With REDIS_URL, each run's rate-limit counts start afresh instead of adding up across runs.
      RATE_LIMIT_PREFIX: `rl-test-${process.pid}-${Date.now()}`,
    },
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
