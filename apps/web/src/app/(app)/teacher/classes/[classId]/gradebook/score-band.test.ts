import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { averageLabel, band, SCORE_BANDS } from "./score-band";

const css = readFileSync(path.join(path.dirname(fileURLToPath(import.meta.url)), "../../../../../globals.css"), "utf8");

/** The hex value of `--name` in the block opened by `selector {` of globals.css. */
function cssColor(selector: string, name: string): [number, number, number] {
  const block = css.slice(css.indexOf(`${selector} {`));
  const hex = block.slice(0, block.indexOf("}")).match(new RegExp(`--${name}:\\s*#([0-9a-f]{6});`, "i"))?.[1];
  if (!hex) throw new Error(`${selector} has no --${name}`);
  return [0, 2, 4].map((i) => Number.parseInt(hex.slice(i, i + 2), 16)) as [number, number, number];
}

const luminance = (rgb: number[]) =>
  rgb
    .map((c) => c / 255)
    .map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4))
    .reduce((sum, c, i) => sum + c * ([0.2126, 0.7152, 0.0722][i] ?? 0), 0);

function contrast(a: number[], b: number[]) {
  const [la, lb] = [luminance(a), luminance(b)];
  return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
}

describe("gradebook score cells", () => {
  it("bands a score: 80% and up, 50% and up, below 50%", () => {
    expect(band(100)).toContain("bg-success/15");
    expect(band(80)).toContain("bg-success/15");
    expect(band(79.9)).toContain("bg-warning/15");
    expect(band(50)).toContain("bg-warning/15");
    expect(band(0)).toContain("bg-destructive/10");
  });

  for (const theme of [":root", ".dark"]) {
    for (const b of SCORE_BANDS) {
      it(`${b.color} cells meet WCAG AA contrast (4.5:1) in ${theme === ":root" ? "light" : "dark"} mode`, () => {
        const text = cssColor(theme, b.color);
        const card = cssColor(theme, "card");
        const cell = card.map((c, i) => Math.round(c * (1 - b.tint) + (text[i] ?? 0) * b.tint));
        expect(b.className).toBe(`bg-${b.color}/${b.tint * 100} text-${b.color}`);
        expect(contrast(text, cell)).toBeGreaterThanOrEqual(4.5);
      });
    }
  }

  it("labels what a class average averages for quizzes and for lessons", () => {
    expect(averageLabel("QUIZ")).toBe("mean score");
    expect(averageLabel("LESSON")).toBe("mean completion");
  });
});
