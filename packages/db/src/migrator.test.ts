import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createDatabase, type DatabaseHandle } from "./client";
import { readDbEnv } from "./env";
import { applyMigrations, createMigration, diffMigrationsToSchema } from "./migrator";
import { createTestDatabase } from "./testing";

const env = readDbEnv();
const committedFolders = fs
  .readdirSync(env.migrationsDir, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name)
  .sort();

function tempMigrationsCopy(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "migrations-"));
  fs.cpSync(env.migrationsDir, dir, { recursive: true });
  return dir;
}

async function migrationRows(handle: DatabaseHandle) {
  return handle.db.$queryRawUnsafe<{ migration_name: string; finished_at: Date | null }[]>(
    `SELECT migration_name, finished_at FROM "_prisma_migrations" ORDER BY migration_name`,
  );
}

function behavesAsAMigrator(open: () => Promise<DatabaseHandle>) {
  let handle: DatabaseHandle | undefined;
  afterEach(async () => {
    await handle?.close();
    handle = undefined;
  });

  it("applies every committed migration to an empty database and records one row per folder", async () => {
    handle = await open();
    const applied = await applyMigrations({
      adapterFactory: handle.connection.adapterFactory,
      migrationsDir: env.migrationsDir,
    });
    expect(applied).toEqual(committedFolders);
    const rows = await migrationRows(handle);
    expect(rows.map((r) => r.migration_name)).toEqual(committedFolders);
    expect(rows.every((r) => r.finished_at !== null)).toBe(true);
    expect(await handle.db.user.count()).toBe(0);
  });

  it("re-applying is a no-op", async () => {
    handle = await open();
    await applyMigrations({ adapterFactory: handle.connection.adapterFactory, migrationsDir: env.migrationsDir });
    const again = await applyMigrations({
      adapterFactory: handle.connection.adapterFactory,
      migrationsDir: env.migrationsDir,
    });
    expect(again).toEqual([]);
    expect(await migrationRows(handle)).toHaveLength(committedFolders.length);
  });

  it("applies a newly written migration on top of the existing ones", async () => {
    handle = await open();
    const migrationsDir = tempMigrationsCopy();
    await applyMigrations({ adapterFactory: handle.connection.adapterFactory, migrationsDir });

    const schemaPath = path.join(migrationsDir, "..", `schema-${path.basename(migrationsDir)}.prisma`);
    const schema = fs.readFileSync(env.schemaPath, "utf8").replace(/output\s*=.*\n/, "");
    fs.writeFileSync(schemaPath, `${schema}\nmodel Gadget {\n  id   String @id\n  name String\n}\n`);
    const folder = await createMigration({ migrationsDir, schemaPath, name: "add gadgets" });
    expect(folder).toMatch(/\d{14}_add_gadgets$/);
    expect(fs.readFileSync(path.join(folder ?? "", "migration.sql"), "utf8")).toContain('CREATE TABLE "Gadget"');

    const applied = await applyMigrations({ adapterFactory: handle.connection.adapterFactory, migrationsDir });
    expect(applied).toEqual([path.basename(folder ?? "")]);
    await handle.db.$executeRawUnsafe(`INSERT INTO "Gadget" (id, name) VALUES ('g1', 'lever')`);
    expect(await migrationRows(handle)).toHaveLength(committedFolders.length + 1);
  });
}

describe("migrator on PGlite", () => {
  behavesAsAMigrator(async () => createDatabase({ pgliteDir: "memory" }));
});

// CI sets DATABASE_URL to a real PostgreSQL server; without one this block has nothing to run against.
// Under CI a missing DATABASE_URL is a broken set-up, not a reason to skip.
if (process.env.CI && !env.databaseUrl) {
  throw new Error("CI must set DATABASE_URL: the PostgreSQL migrator tests need a real PostgreSQL server");
}
describe.skipIf(!env.databaseUrl)("migrator on PostgreSQL", () => {
  behavesAsAMigrator(async () => {
    // A throwaway database: create it migrated, then empty it so each test starts from nothing.
    const handle = await createTestDatabase();
    await handle.db.$executeRawUnsafe(`DROP SCHEMA public CASCADE`);
    await handle.db.$executeRawUnsafe(`CREATE SCHEMA public`);
    return handle;
  });

  it("lets go of Prisma's migration lock when it is done, so the next apply need not wait for it", async () => {
    const handle = await createTestDatabase();
    try {
      await applyMigrations({ adapterFactory: handle.connection.adapterFactory, migrationsDir: env.migrationsDir });
      // Prisma's migrate lock is pg_advisory_lock(72707369); no session may still hold it.
      const held = await handle.db.$queryRawUnsafe<{ count: bigint }[]>(
        `SELECT count(*) AS count FROM pg_locks WHERE locktype = 'advisory' AND objid = 72707369 AND granted`,
      );
      expect(Number(held[0]?.count)).toBe(0);
    } finally {
      await handle.close();
    }
  });
});

describe("migration files", () => {
  it("the committed migrations match prisma/schema.prisma (run `pnpm db:migration <name>` after editing it)", async () => {
    expect(await diffMigrationsToSchema({ migrationsDir: env.migrationsDir, schemaPath: env.schemaPath })).toBe("");
  });

  it("refuses a migration name without letters or digits", async () => {
    await expect(
      createMigration({ migrationsDir: tempMigrationsCopy(), schemaPath: env.schemaPath, name: "!!" }),
    ).rejects.toThrow(/needs a name/);
  });
});
