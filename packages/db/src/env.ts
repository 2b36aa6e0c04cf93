// The database package's configuration: the only place in packages/db that reads process.env.
import path from "node:path";
import { fileURLToPath } from "node:url";
import { envVar, parseEnv } from "@toolboxai/validators";
import { z } from "zod";

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

const schema = z.object({
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "expected a postgresql:// connection string")
    .optional(),
  PGLITE_DIR: z.string().optional(),
  APP_URL: z.url("expected a URL such as https://school.example").optional(),
  PORT: envVar.int(1, 65535, "expected a port number from 1 to 65535").optional(),
});

export function readDbEnv(env: NodeJS.ProcessEnv = process.env): DbEnv {
  const vars = parseEnv(schema, env, { what: "database configuration" });
  return {
    databaseUrl: vars.DATABASE_URL,
    pgliteDir: vars.PGLITE_DIR ? path.resolve(repoRoot, vars.PGLITE_DIR) : path.join(repoRoot, ".data", "pglite"),
    migrationsDir: path.join(repoRoot, "prisma", "migrations"),
    schemaPath: path.join(repoRoot, "prisma", "schema.prisma"),
    appUrl: vars.APP_URL ?? `http://localhost:${vars.PORT ?? 3000}`,
  };
}
