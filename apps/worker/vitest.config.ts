import path from "node:path";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const dir = path.dirname(fileURLToPath(import.meta.url));

export default defineConfig({
  resolve: { alias: { "~": path.join(dir, "../web/src") } },
  test: {
    environment: "node",
    include: ["src/**/*.test.ts"],
    env: { LOG_LEVEL: "silent" },
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
