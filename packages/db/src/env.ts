// The database package's configuration: the only place in packages/db that reads process.env.
import path from "node:path";
import { fileURLToPath } from "node:url";

/** Repository root (packages/db/src -> ../../..). */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");

export interface DbEnv {
  /** PostgreSQL connection string; when unset the embedded PGlite database is used. */
  databaseUrl: string | undefined;
  /** Where the embedded PGlite database keeps its files. */
  pgliteDir: string;
  migrationsDir: string;
  schemaPath: string;
  /** Where the web app is reached, for the sign-in hint the seed prints. */
  appUrl: string;
}

export function readDbEnv(env: NodeJS.ProcessEnv = process.env): DbEnv {
  const databaseUrl = env.DATABASE_URL?.trim() || undefined;
  const pgliteDir = env.PGLITE_DIR?.trim()
    ? path.resolve(repoRoot, env.PGLITE_DIR.trim())
    : path.join(repoRoot, ".data", "pglite");
  return {
    databaseUrl,
    pgliteDir,
    migrationsDir: path.join(repoRoot, "prisma", "migrations"),
    schemaPath: path.join(repoRoot, "prisma", "schema.prisma"),
    appUrl: env.APP_URL?.trim() || `http://localhost:${env.PORT?.trim() || "3000"}`,
  };
}
