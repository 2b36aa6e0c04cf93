import type { NextConfig } from "next";

const config: NextConfig = {
  // Workspace packages ship TypeScript source.
  transpilePackages: [
    "@toolboxai/agents",
    "@toolboxai/api",
    "@toolboxai/core",
    "@toolboxai/db",
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
  ],
  experimental: {
    // forbidden() + app/forbidden.tsx give role-restricted pages a real 403.
    authInterrupts: true,
  },
  poweredByHeader: false,
};

export default config;
