import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    environment: "node",
    include: ["src/**/*.test.ts", "bench/**/*.test.ts"],
    testTimeout: 30_000,
    // The publisher test migrates a fresh database before it starts.
    hookTimeout: 120_000,
  },
});
