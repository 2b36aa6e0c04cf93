import type { ComponentCheck, Readiness, ReadinessComponent } from "@toolboxai/validators";
import { describe, expect, it } from "vitest";
import { readinessLogGate } from "./readiness-log";

const up: ComponentCheck = { status: "up", required: true, latencyMs: 1 };

/** A report with `down` parts down and every other part up. */
function report(...down: ReadinessComponent[]): Readiness {
  const names: ReadinessComponent[] = ["database", "redis", "queue", "realtime", "model"];
  const checks = Object.fromEntries(
    names.map((n) => [n, down.includes(n) ? { status: "down", required: true, latencyMs: 1, error: "x" } : up]),
  ) as Readiness["checks"];
  return { status: down.length ? "not_ready" : "ready", time: new Date(0).toISOString(), checks, down, degraded: [] };
}

function clock() {
  let t = 0;
  return {
    now: () => t,
    advance: (ms: number) => {
      t += ms;
    },
  };
}

describe("which failing parts readiness logs", () => {
  it("logs a part that stays down once per interval, however often it is checked", () => {
    const c = clock();
    const gate = readinessLogGate(60_000, c.now);
    const logged = Array.from({ length: 30 }, () => {
      c.advance(1000);
      return gate(report("redis"));
    }).filter((due) => due.length > 0);
    expect(logged).toEqual([["redis"]]);
  });

  it("logs it again once the interval has passed", () => {
    const c = clock();
    const gate = readinessLogGate(60_000, c.now);
    expect(gate(report("redis"))).toEqual(["redis"]);
    c.advance(60_000);
    expect(gate(report("redis"))).toEqual(["redis"]);
  });

  it("logs a second part that fails while the first is still within its interval", () => {
    const c = clock();
    const gate = readinessLogGate(60_000, c.now);
    gate(report("redis"));
    c.advance(1000);
    expect(gate(report("redis", "model"))).toEqual(["model"]);
  });

  it("logs a part anew when it fails again after recovering", () => {
    const c = clock();
    const gate = readinessLogGate(60_000, c.now);
    gate(report("database"));
    c.advance(1000);
    expect(gate(report())).toEqual([]);
    c.advance(1000);
    expect(gate(report("database"))).toEqual(["database"]);
  });
});
