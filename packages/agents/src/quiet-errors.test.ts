import { describe, expect, it } from "vitest";
import { throttledErrorLog } from "./quiet-errors";

function recorder() {
  const lines: { obj: { err: unknown; repeated?: number }; msg: string }[] = [];
  return {
    lines,
    logger: { error: (obj: { err: unknown; repeated?: number }, msg: string) => lines.push({ obj, msg }) },
  };
}

describe("throttledErrorLog", () => {
  it("logs the first error of a burst and stays quiet for the rest of the minute", () => {
    let clock = 0;
    const { lines, logger } = recorder();
    const log = throttledErrorLog(logger, "queue error", 60_000, () => clock);
    for (let i = 0; i < 44; i++) {
      log(new Error("ECONNREFUSED"));
      clock += 200;
    }
    expect(lines).toHaveLength(1);
    expect(lines[0]?.msg).toBe("queue error");
  });

  it("says how many errors it held back when it logs again", () => {
    let clock = 0;
    const { lines, logger } = recorder();
    const log = throttledErrorLog(logger, "queue error", 60_000, () => clock);
    log(new Error("first"));
    clock += 1_000;
    log(new Error("second"));
    log(new Error("third"));
    clock += 60_000;
    log(new Error("fourth"));
    expect(lines.map((l) => l.obj.repeated)).toEqual([undefined, 2]);
  });
});
