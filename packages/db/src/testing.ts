// Test helpers: a freshly migrated database per test file. PostgreSQL when DATABASE_URL is
// set (a new throwaway database on that server), otherwise an in-memory PGlite.
import { randomBytes } from "node:crypto";
import { createDatabase, type DatabaseHandle } from "./client";
import { readDbEnv } from "./env";
import { applyMigrations } from "./migrator";

export interface TestDatabase extends DatabaseHandle {
  /** Connection string of the throwaway PostgreSQL database, when on PostgreSQL. */
  url?: string;
}

export async function createTestDatabase(): Promise<TestDatabase> {
  const env = readDbEnv();
  if (!env.databaseUrl) {
    const handle = createDatabase({ pgliteDir: "memory" });
    await applyMigrations({ adapterFactory: handle.connection.adapterFactory, migrationsDir: env.migrationsDir });
    return handle;
  }
  const name = `test_${Date.now().toString(36)}_${randomBytes(4).toString("hex")}`;
  const admin = createDatabase({ databaseUrl: env.databaseUrl });
  await admin.db.$executeRawUnsafe(`CREATE DATABASE "${name}"`);
  const url = new URL(env.databaseUrl);
  url.pathname = `/${name}`;
  const handle = createDatabase({ databaseUrl: url.toString() });
  await applyMigrations({ adapterFactory: handle.connection.adapterFactory, migrationsDir: env.migrationsDir });
  return {
    ...handle,
    url: url.toString(),
    close: async () => {
      await handle.close();
      await admin.db.$executeRawUnsafe(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await admin.close();
    },
  };
}
