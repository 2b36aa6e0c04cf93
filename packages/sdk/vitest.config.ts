import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    environment: "node",
    include: ["src/**/*.test.ts", "examples/**/*.test.ts"],
    env: { LOG_LEVEL: "silent" },
    testTimeout: 60_000,
  },
});
