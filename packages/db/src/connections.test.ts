// How many connections a database handle holds open, as database_connections_active reports it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "./testing";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.close());

describe("connection.openConnections", () => {
  it("counts the connections open after a query (PGlite: its one)", async () => {
    await t.db.$queryRaw`select 1`;
    expect(t.connection.openConnections()).toBe(1);
  });

  it.runIf(process.env.DATABASE_URL)("counts each connection the pg pool opened for concurrent queries", async () => {
    await Promise.all(Array.from({ length: 3 }, () => t.db.$queryRaw`select 1 as one from pg_sleep(0.05)`));
    expect(t.connection.openConnections()).toBeGreaterThanOrEqual(2);
    expect(t.connection.openConnections()).toBeLessThanOrEqual(10);
  });
});
