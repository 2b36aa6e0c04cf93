import type { NextConfig } from "next";
import { staticAssetHeaders } from "./src/server/security-headers";

// The app's public URL as src/env.ts derives it (HSTS only when it is https). Config files read
// process.env themselves: env.ts is server-only and loads the whole domain.
const appUrl = process.env.APP_URL || process.env.NEXTAUTH_URL || "http://localhost";

const config: NextConfig = {
  // Workspace packages ship TypeScript source.
  transpilePackages: [
    "@toolboxai/agents",
    "@toolboxai/api",
    "@toolboxai/core",
    "@toolboxai/db",
    "@toolboxai/observability",
    "@toolboxai/validators",
  ],
  // Loaded by Node at run time, not bundled: PGlite reads its .wasm/.data files from its own
  // folder, and the Prisma adapters and argon2 carry native or WASM parts.
  serverExternalPackages: [
    "@electric-sql/pglite",
    "pglite-prisma-adapter",
    "@prisma/adapter-pg",
    "@prisma/client",
    "@node-rs/argon2",
    "pg",
    "pino",
    // One prom-client per process: scripts/serve.mjs loads it too, and they share the registry.
    "prom-client",
    // Tracing and error tracking (src/instrumentation.ts), loaded only when configured: the SDKs
    // resolve optional exporters and transports at run time, and stay one copy per process.
    "@opentelemetry/sdk-node",
    "@opentelemetry/exporter-trace-otlp-http",
    "@prisma/instrumentation",
    "@sentry/node",
  ],
  experimental: {
    // forbidden() + app/forbidden.tsx give role-restricted pages a real 403.
    authInterrupts: true,
  },
  poweredByHeader: false,
  // Pages and route handlers get their headers (CSP with a nonce included) from src/proxy.ts;
  // the files it skips get the ones that need no nonce.
  async headers() {
    const headers = staticAssetHeaders(appUrl);
    return ["/_next/static/:path*", "/_next/image", "/favicon.ico"].map((source) => ({ source, headers }));
  },
  // The seeds' bare health paths answer as the API's (same handler, limits and access).
  async rewrites() {
    return [
      { source: "/health", destination: "/api/health" },
      { source: "/health/agents", destination: "/api/health/agents" },
    ];
  },
};

export default config;
