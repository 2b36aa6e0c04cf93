import type { ClassAnalytics } from "@toolboxai/validators";
import { describe, expect, it } from "vitest";
import { scoreSummary, shortBucketLabel } from "./score-summary";

/** Ten bands with the given counts, 0-9% first. */
function bands(counts: number[]): ClassAnalytics["score_distribution"] {
  return counts.map((count, i) => {
    const min = i * 10;
    const max = i === 9 ? 100 : min + 9;
    return { bucket: `${min}-${max}%`, min, max, count };
  });
}

describe("the score histogram's summary", () => {
  it("names every band tied for the most submissions, not only the first", () => {
    expect(scoreSummary(bands([0, 0, 0, 1, 0, 1, 0, 1, 0, 0]))).toBe(
      "3 quiz submissions; most common: 30-39%, 50-59% and 70-79% (1 submission each); median in 50-59%.",
    );
  });

  it("names the one most common band and the median's", () => {
    expect(scoreSummary(bands([0, 0, 0, 0, 0, 1, 1, 4, 0, 0]))).toBe(
      "6 quiz submissions; most common: 70-79% (4 submissions); median in 70-79%.",
    );
  });

  it("says when nothing was submitted", () => {
    expect(scoreSummary(bands(Array(10).fill(0)))).toBe("No quiz submitted in this range.");
  });
});

it("labels a band by its lower bound, short enough for all ten under the bars", () => {
  expect(bands(Array(10).fill(0)).map(shortBucketLabel)).toEqual([
    "0s",
    "10s",
    "20s",
    "30s",
    "40s",
    "50s",
    "60s",
    "70s",
    "80s",
    "90s",
  ]);
});
