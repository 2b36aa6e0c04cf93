// Applies and writes Prisma-format migrations without Prisma's native schema engine,
// which cannot be downloaded on our machines. It drives the same engine compiled to
// WebAssembly (@prisma/schema-engine-wasm, pinned to the CLI's engine version) through
// the client's own driver adapters, so it works on PGlite and PostgreSQL alike and keeps
// Prisma's `_prisma_migrations` table: `prisma migrate deploy` stays interchangeable.
// That package is internal to Prisma: all code touching it lives in this one module.
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import type { SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";
import type { MigrationList, SchemaEngine } from "@prisma/schema-engine-wasm";
import * as bg from "@prisma/schema-engine-wasm/schema_engine_bg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { withStatementSplitting } from "./sql-script";

let wasmReady = false;

/** Instantiates the engine's WebAssembly once per process (no --experimental-wasm-modules needed). */
function initWasm(): void {
  if (wasmReady) return;
  const require = createRequire(import.meta.url);
  const pkgDir = path.dirname(require.resolve("@prisma/schema-engine-wasm"));
  const bytes = fs.readFileSync(path.join(pkgDir, "schema_engine_bg.wasm"));
  const module = new WebAssembly.Module(bytes);
  const instance = new WebAssembly.Instance(module, {
    "./schema_engine_bg.js": bg as unknown as WebAssembly.ModuleImports,
  });
  const exports = instance.exports as unknown as { __wbindgen_start(): void };
  (bg as unknown as { __wbg_set_wasm(w: unknown): void }).__wbg_set_wasm(instance.exports);
  exports.__wbindgen_start();
  wasmReady = true;
}

interface OpenEngine {
  engine: SchemaEngine;
  /**
   * Frees the engine and disposes of every connection it opened. The engine holds Prisma's
   * migration advisory lock on one of them; a connection left open (a PostgreSQL pool that only
   * closes when idle) keeps the lock, and the next apply waits for it until it times out.
   */
  close(): Promise<void>;
}

async function openEngine(
  adapterFactory: SqlMigrationAwareDriverAdapterFactory,
  schema?: { path: string; content: string },
): Promise<OpenEngine> {
  initWasm();
  const datamodels: [string, string][] | undefined = schema ? [[schema.path, schema.content]] : undefined;
  const logs: string[] = [];
  const opened: { dispose(): Promise<void> }[] = [];
  const tracked: SqlMigrationAwareDriverAdapterFactory = {
    provider: adapterFactory.provider,
    adapterName: adapterFactory.adapterName,
    connect: async () => {
      const adapter = withStatementSplitting(await adapterFactory.connect());
      opened.push(adapter);
      return adapter;
    },
    connectToShadowDb: async () => {
      const adapter = withStatementSplitting(await adapterFactory.connectToShadowDb());
      opened.push(adapter);
      return adapter;
    },
  };
  const engine = await bg.SchemaEngine.new(
    { datamodels },
    (line: string) => logs.push(line),
    bindMigrationAwareSqlAdapterFactory(tracked),
  );
  return {
    engine,
    async close() {
      engine.free();
      await Promise.allSettled(opened.splice(0).map((adapter) => adapter.dispose()));
    },
  };
}

const MIGRATION_FILE = "migration.sql";
const LOCK_FILE = "migration_lock.toml";

/** Reads prisma/migrations the way the Prisma CLI hands it to the engine. */
export function readMigrationList(migrationsDir: string): MigrationList {
  const lockPath = path.join(migrationsDir, LOCK_FILE);
  const dirs = fs.existsSync(migrationsDir)
    ? fs
        .readdirSync(migrationsDir, { withFileTypes: true })
        .filter((d) => d.isDirectory())
        .map((d) => d.name)
        .sort()
    : [];
  return {
    baseDir: migrationsDir,
    lockfile: {
      path: LOCK_FILE,
      content: fs.existsSync(lockPath) ? fs.readFileSync(lockPath, "utf8") : null,
    },
    shadowDbInitScript: "",
    migrationDirectories: dirs.map((name) => {
      const file = path.join(migrationsDir, name, MIGRATION_FILE);
      return {
        path: name,
        migrationFile: {
          path: MIGRATION_FILE,
          content: fs.existsSync(file)
            ? { tag: "ok" as const, value: fs.readFileSync(file, "utf8") }
            : { tag: "error" as const, value: `${file} is missing` },
        },
      };
    }),
  };
}

const noFilter = { externalTables: [], externalEnums: [] };

/** Applies every migration folder not yet recorded in `_prisma_migrations`. Returns the names applied. */
export async function applyMigrations(opts: {
  adapterFactory: SqlMigrationAwareDriverAdapterFactory;
  migrationsDir: string;
}): Promise<string[]> {
  const { engine, close } = await openEngine(opts.adapterFactory);
  try {
    const result = await engine.applyMigrations({
      migrationsList: readMigrationList(opts.migrationsDir),
      filters: noFilter,
    });
    return result.appliedMigrationNames;
  } finally {
    await close();
  }
}

/** SQL that takes a database from the committed migrations to the schema; empty when in sync. */
export async function diffMigrationsToSchema(opts: { migrationsDir: string; schemaPath: string }): Promise<string> {
  // The diff replays the migrations on a shadow database; an in-memory PGlite is enough.
  const pglite = new PGlite();
  const content = fs.readFileSync(opts.schemaPath, "utf8");
  const schema = { path: opts.schemaPath, content };
  const { engine, close } = await openEngine(new PrismaPGlite(pglite), schema);
  try {
    const list = readMigrationList(opts.migrationsDir);
    const result = await engine.diff({
      // With no migrations yet, diff from an empty database (the engine also needs the lockfile then).
      from: list.migrationDirectories.length ? { tag: "migrations", ...list } : { tag: "empty" },
      to: { tag: "schemaDatamodel", files: [schema] },
      script: true,
      exitCode: null,
      filters: noFilter,
    });
    const sql = result.stdout ?? "";
    return /^\s*-- This is an empty migration\.\s*$/.test(sql) ? "" : sql.trim();
  } finally {
    await close();
    await pglite.close();
  }
}

function timestamp(date: Date): string {
  const p = (n: number) => String(n).padStart(2, "0");
  return `${date.getUTCFullYear()}${p(date.getUTCMonth() + 1)}${p(date.getUTCDate())}${p(date.getUTCHours())}${p(date.getUTCMinutes())}${p(date.getUTCSeconds())}`;
}

/**
 * Writes `prisma/migrations/<timestamp>_<name>/migration.sql` from the difference between
 * the committed migrations and the schema. Returns the folder, or null when there is nothing to do.
 */
export async function createMigration(opts: {
  migrationsDir: string;
  schemaPath: string;
  name: string;
  now?: Date;
}): Promise<string | null> {
  const slug = opts.name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "");
  if (!slug) throw new Error("A migration needs a name of letters or digits, e.g. `add_classes`.");
  const sql = await diffMigrationsToSchema(opts);
  if (!sql) return null;
  fs.mkdirSync(opts.migrationsDir, { recursive: true });
  const lockPath = path.join(opts.migrationsDir, LOCK_FILE);
  if (!fs.existsSync(lockPath)) {
    // Same text `prisma migrate dev` writes.
    fs.writeFileSync(
      lockPath,
      '# Please do not edit this file manually\n# It should be added in your version-control system (e.g., Git)\nprovider = "postgresql"\n',
    );
  }
  const folder = path.join(opts.migrationsDir, `${timestamp(opts.now ?? new Date())}_${slug}`);
  fs.mkdirSync(folder);
  fs.writeFileSync(path.join(folder, MIGRATION_FILE), `${sql}\n`);
  return folder;
}
