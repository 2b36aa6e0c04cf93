import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const dir = path.dirname(fileURLToPath(import.meta.url));

describe("the app's icon", () => {
  // Next serves app/favicon.ico at /favicon.ico and app/icon.svg as the page's <link rel="icon">.
  it("app/favicon.ico is an ICO holding 16, 32 and 48 px images", () => {
    const ico = readFileSync(path.join(dir, "favicon.ico"));
    expect(ico.readUInt16LE(0)).toBe(0);
    expect(ico.readUInt16LE(2)).toBe(1); // 1 = icon
    const count = ico.readUInt16LE(4);
    const sizes = Array.from({ length: count }, (_, i) => ico.readUInt8(6 + 16 * i));
    expect(sizes).toEqual([16, 32, 48]);
  });

  it("app/icon.svg is the brand mark: the graduation cap on the primary indigo", () => {
    const svg = readFileSync(path.join(dir, "icon.svg"), "utf8");
    expect(svg).toContain('fill="#4f46e5"');
    expect(svg).toContain("M22 10v6");
  });
});
