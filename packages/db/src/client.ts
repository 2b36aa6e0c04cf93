// One Prisma client factory for both runtime modes: embedded PGlite (no DATABASE_URL)
// and PostgreSQL through @prisma/adapter-pg. Both go through Prisma's driver adapters,
// so the same generated client, queries and migrations serve either database.
import fs from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import type { SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { readDbEnv } from "./env";
import { PrismaClient } from "./generated/prisma/client";

export type Database = PrismaClient;
export type DatabaseKind = "pglite" | "postgresql";

export interface DatabaseTarget {
  /** PostgreSQL connection string. Takes precedence over `pgliteDir`. */
  databaseUrl?: string | undefined;
  /** PGlite data directory, or "memory" for a throwaway in-memory database. */
  pgliteDir?: string | "memory";
}

export interface Connection {
  kind: DatabaseKind;
  adapterFactory: SqlMigrationAwareDriverAdapterFactory;
  /** Connections open now: the pg pool's (0 before the first query), or PGlite's one. */
  openConnections(): number;
  close(): Promise<void>;
}

/** PrismaPg, keeping the pool it opens so its size can be read (Prometheus' database_connections_active). */
class ObservedPrismaPg extends PrismaPg {
  pools: { totalCount: number }[] = [];
  override async connect() {
    const adapter = await super.connect();
    this.pools.push(adapter.underlyingDriver());
    return adapter;
  }
}

/** Opens the driver adapter for a target; used by the client and by the migrator. */
export function openConnection(target: DatabaseTarget): Connection {
  if (target.databaseUrl) {
    const adapterFactory = new ObservedPrismaPg({ connectionString: target.databaseUrl, max: 10 });
    return {
      kind: "postgresql",
      adapterFactory,
      openConnections: () => adapterFactory.pools.reduce((open, pool) => open + pool.totalCount, 0),
      close: async () => {},
    };
  }
  const dir = target.pgliteDir ?? readDbEnv().pgliteDir;
  let pglite: PGlite;
  if (dir === "memory") {
    pglite = new PGlite();
  } else {
    fs.mkdirSync(dir, { recursive: true });
    pglite = new PGlite(dir);
  }
  return {
    kind: "pglite",
    adapterFactory: new PrismaPGlite(pglite),
    openConnections: () => (pglite.closed ? 0 : 1),
    close: () => pglite.close(),
  };
}

export interface DatabaseHandle {
  db: Database;
  kind: DatabaseKind;
  connection: Connection;
  close(): Promise<void>;
}

export function createDatabase(target: DatabaseTarget): DatabaseHandle {
  const connection = openConnection(target);
  const db = new PrismaClient({ adapter: connection.adapterFactory });
  return {
    db,
    kind: connection.kind,
    connection,
    close: async () => {
      await db.$disconnect();
      await connection.close();
    },
  };
}

// One client per process. Kept on globalThis so Next.js hot reloads (which re-evaluate
// modules) reuse it instead of opening the PGlite directory a second time.
const globalForDb = globalThis as unknown as { __toolboxaiDb?: DatabaseHandle };

export function getDatabase(): DatabaseHandle {
  if (!globalForDb.__toolboxaiDb) {
    const env = readDbEnv();
    globalForDb.__toolboxaiDb = createDatabase({ databaseUrl: env.databaseUrl, pgliteDir: env.pgliteDir });
  }
  return globalForDb.__toolboxaiDb;
}

export function getDb(): Database {
  return getDatabase().db;
}
