import { createDatabase } from "@toolboxai/db";
import { describe, expect, it } from "vitest";
import { checkHealth } from "./health";

describe("health", () => {
  it("reports the database up with its kind and the version", async () => {
    const handle = createDatabase({ pgliteDir: "memory" });
    const report = await checkHealth({ db: handle.db, kind: handle.kind, version: "1.2.3" });
    expect(report).toMatchObject({ status: "ok", version: "1.2.3", database: { status: "up", kind: "pglite" } });
    await handle.close();
  });

  it("reports unavailable when the database cannot be reached", async () => {
    const handle = createDatabase({ databaseUrl: "postgresql://nobody@127.0.0.1:1/none" });
    const report = await checkHealth({ db: handle.db, kind: handle.kind, version: "1.2.3" }, 1500);
    expect(report.status).toBe("unavailable");
    expect(report.database.status).toBe("down");
    expect(report.database.error).toBeTruthy();
    await handle.close().catch(() => {});
  });

  it("reports realtime publishing counts without letting failures change the status", async () => {
    const handle = createDatabase({ pgliteDir: "memory" });
    const report = await checkHealth({
      db: handle.db,
      kind: handle.kind,
      version: "1.2.3",
      realtime: { configured: true, stats: { sent: 4, failed: 2, skipped: 0 } },
    });
    expect(report.status).toBe("ok");
    expect(report.realtime).toEqual({ configured: true, sent: 4, failed: 2, skipped: 0 });
    await handle.close();
  });
});
