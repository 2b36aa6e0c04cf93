import { describe, expect, it } from "vitest";
import { FD_OVERHEAD, planClients } from "./fd-limit.js";

describe("planClients (benchmark clients vs the open-file limit)", () => {
  it("runs the requested clients when the limit has room for them and a process's own files", () => {
    expect(planClients(1000, 1000 + FD_OVERHEAD)).toEqual({ clients: 1000, notes: [] });
  });

  it("runs the requested clients when the limit is unlimited or cannot be read", () => {
    expect(planClients(1000, Number.POSITIVE_INFINITY)).toEqual({ clients: 1000, notes: [] });
    expect(planClients(1000, Number.NaN)).toEqual({ clients: 1000, notes: [] });
  });

  it("lowers the client count to what the limit allows, leaving room for the process's own files", () => {
    expect(planClients(1000, 600).clients).toBe(600 - FD_OVERHEAD);
  });

  it("says that it lowered the count, and exactly how to run the requested one", () => {
    const [what, how] = planClients(1000, 600).notes;
    expect(what).toBe(
      "note: the open-file limit (ulimit -n) is 600, room for 536 clients, not the 1000 requested: running with 536.",
    );
    expect(how).toContain("`ulimit -n 1064`");
    expect(how).toContain("BENCH_CLIENTS=536 pnpm bench");
  });

  it("never plans a negative number of clients, nor suggests running none", () => {
    const plan = planClients(1000, 20);
    expect(plan.clients).toBe(0);
    expect(plan.notes.join("\n")).not.toContain("BENCH_CLIENTS=");
  });
});
