import { describe, expect, it } from "vitest";
import { cachedFor } from "./cached";
import { cachedProbe } from "./readiness";

/** A clock the test moves by hand. */
function clock(start = 1_000_000) {
  let t = start;
  return {
    now: () => t,
    advance: (ms: number) => {
      t += ms;
    },
  };
}

describe("a kept value", () => {
  it("is computed once for every call within its time to live", async () => {
    const c = clock();
    const kept = cachedFor<number>(5000, c.now);
    let runs = 0;
    const compute = async () => ++runs;
    expect(await kept.get(compute)).toBe(1);
    c.advance(4999);
    expect(await kept.get(compute)).toBe(1);
    expect(runs).toBe(1);
  });

  it("is computed again once its time to live has passed", async () => {
    const c = clock();
    const kept = cachedFor<number>(5000, c.now);
    let runs = 0;
    await kept.get(async () => ++runs);
    c.advance(5000);
    expect(await kept.get(async () => ++runs)).toBe(2);
  });

  it("is computed once for 50 callers arriving while the first computation runs", async () => {
    const kept = cachedFor<string>(5000);
    let runs = 0;
    let finish: (v: string) => void = () => {};
    const compute = () => {
      runs++;
      return new Promise<string>((resolve) => {
        finish = resolve;
      });
    };
    const waiting = Array.from({ length: 50 }, () => kept.get(compute));
    await Promise.resolve();
    finish("report");
    expect(await Promise.all(waiting)).toEqual(Array(50).fill("report"));
    expect(runs).toBe(1);
  });

  it("keeps a failure as long as a value: callers within the time to live get the same error", async () => {
    const c = clock();
    const kept = cachedFor<never>(60_000, c.now);
    let runs = 0;
    const failing = async (): Promise<never> => {
      runs++;
      throw new Error("ECONNREFUSED");
    };
    await expect(kept.get(failing)).rejects.toThrow("ECONNREFUSED");
    c.advance(59_000);
    await expect(kept.get(failing)).rejects.toThrow("ECONNREFUSED");
    expect(runs).toBe(1);
  });

  it("computes again after clear()", async () => {
    const kept = cachedFor<number>(60_000);
    let runs = 0;
    await kept.get(async () => ++runs);
    kept.clear();
    expect(await kept.get(async () => ++runs)).toBe(2);
  });
});

describe("a cached probe", () => {
  it("asks the part once a minute, whatever the number of checks", async () => {
    const c = clock();
    let asked = 0;
    const probe = cachedProbe(
      async () => {
        asked++;
        return "openai-compatible, gpt-4o";
      },
      60_000,
      c.now,
    );
    for (let i = 0; i < 50; i++) {
      expect(await probe()).toBe("openai-compatible, gpt-4o");
      c.advance(1000);
    }
    expect(asked).toBe(1);
  });
});
