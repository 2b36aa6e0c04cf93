import { createDatabase } from "@toolboxai/db";
import { describe, expect, it } from "vitest";
import { checkHealth, type HealthReport, livenessOf, presentsHealthToken } from "./health";

describe("health", () => {
  it("reports the database up with its kind and the version", async () => {
    const handle = createDatabase({ pgliteDir: "memory" });
    // A generous wait: PGlite boots on its first query, slowly on a busy machine.
    const report = await checkHealth({ db: handle.db, kind: handle.kind, version: "1.2.3" }, 10_000);
    expect(report).toMatchObject({ status: "ok", version: "1.2.3", database: { status: "up", kind: "pglite" } });
    await handle.close();
  });

  it("reports an error when the database cannot be reached", async () => {
    const handle = createDatabase({ databaseUrl: "postgresql://nobody@127.0.0.1:1/none" });
    const report = await checkHealth({ db: handle.db, kind: handle.kind, version: "1.2.3" }, 1500);
    expect(report.status).toBe("error");
    expect(report.database.status).toBe("down");
    expect(report.database.error).toBeTruthy();
    await handle.close().catch(() => {});
  });

  it("reports realtime publishing counts without letting failures change the status", async () => {
    const handle = createDatabase({ pgliteDir: "memory" });
    const report = await checkHealth(
      {
        db: handle.db,
        kind: handle.kind,
        version: "1.2.3",
        realtime: { configured: true, stats: { sent: 4, failed: 2, skipped: 0 } },
      },
      10_000,
    );
    expect(report.status).toBe("ok");
    expect(report.realtime).toEqual({ configured: true, sent: 4, failed: 2, skipped: 0 });
    await handle.close();
  });
});

describe("liveness", () => {
  const report: HealthReport = {
    status: "ok",
    version: "1.2.3",
    time: new Date().toISOString(),
    database: { status: "up", kind: "postgresql", latencyMs: 3 },
    realtime: { configured: true, sent: 4, failed: 2, skipped: 0 },
  };

  it("tells only whether the app is up, nothing about the deployment", () => {
    expect(livenessOf(report)).toEqual({ status: "ok" });
    expect(livenessOf({ ...report, status: "error" })).toEqual({ status: "error" });
  });
});

describe("the health token", () => {
  const token = "a-long-health-token-0123456789";

  it("is accepted as a bearer token", () => {
    expect(presentsHealthToken(`Bearer ${token}`, token)).toBe(true);
    expect(presentsHealthToken(`bearer  ${token}`, token)).toBe(true);
  });

  it.each([
    ["a wrong token", "Bearer a-long-health-token-0123456780"],
    ["a prefix of the token", "Bearer a-long-health-token"],
    ["the token without the scheme", token],
    ["another scheme", `Basic ${token}`],
    ["an empty header", ""],
  ])("refuses %s", (_, header) => {
    expect(presentsHealthToken(header, token)).toBe(false);
  });

  it("is never accepted when no token is configured", () => {
    expect(presentsHealthToken("Bearer ", null)).toBe(false);
    expect(presentsHealthToken(`Bearer ${token}`, undefined)).toBe(false);
    expect(presentsHealthToken(null, token)).toBe(false);
  });
});
