import { describe, expect, it } from "vitest";
import { attachmentName } from "./download";

describe("the name an export is saved under", () => {
  it("is the server's Content-Disposition filename", () => {
    expect(attachmentName('attachment; filename="toolboxai-metrics-maple-grove-2026-12-02.csv"', "x.csv")).toBe(
      "toolboxai-metrics-maple-grove-2026-12-02.csv",
    );
  });

  it("prefers the UTF-8 filename* when both are given", () => {
    expect(attachmentName(`attachment; filename="a.csv"; filename*=UTF-8''caf%C3%A9.csv`, "x.csv")).toBe("café.csv");
  });

  it("falls back to the page's name without the header", () => {
    expect(attachmentName(null, "metrics-30d.csv")).toBe("metrics-30d.csv");
  });
});
