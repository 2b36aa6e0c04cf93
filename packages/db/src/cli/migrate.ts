// `pnpm db:migrate`: applies prisma/migrations to DATABASE_URL, or to the embedded PGlite database.
import { openConnection } from "../client";
import { readDbEnv } from "../env";
import { applyMigrations } from "../migrator";

const env = readDbEnv();
const connection = openConnection({ databaseUrl: env.databaseUrl, pgliteDir: env.pgliteDir });
const where = connection.kind === "pglite" ? `embedded PGlite at ${env.pgliteDir}` : "PostgreSQL (DATABASE_URL)";
try {
  const applied = await applyMigrations({
    adapterFactory: connection.adapterFactory,
    migrationsDir: env.migrationsDir,
  });
  console.log(
    applied.length
      ? `Applied ${applied.length} migration(s) to ${where}: ${applied.join(", ")}`
      : `Database is up to date (${where}).`,
  );
} finally {
  await connection.close();
}
