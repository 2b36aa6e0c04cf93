import { describe, expect, it } from "vitest";
import { prefersHtml, problemResponse } from "./problem";

describe("prefersHtml", () => {
  it("is true for what a browser sends when following a link", () => {
    expect(prefersHtml("text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,*/*;q=0.8")).toBe(true);
  });

  it("is false for fetch's default, JSON clients, problem+json clients and no Accept at all", () => {
    expect(prefersHtml("*/*")).toBe(false);
    expect(prefersHtml("application/json")).toBe(false);
    expect(prefersHtml("application/problem+json, text/html;q=0.5")).toBe(false);
    expect(prefersHtml(null)).toBe(false);
  });

  it("is false when the client refuses HTML with q=0", () => {
    expect(prefersHtml("text/html;q=0, */*")).toBe(false);
  });
});

describe("problemResponse's HTML page", () => {
  it("escapes the detail, so a name in it cannot become markup", async () => {
    const res = problemResponse(
      new Request("http://localhost/x", { headers: { accept: "text/html" } }),
      {
        status: 404,
        code: "NOT_FOUND",
        title: "We couldn't find that",
        detail: '<img src=x onerror="alert(1)"> not found',
      },
      "req-1",
    );
    const html = await res.text();
    expect(html).not.toContain("<img");
    expect(html).toContain("&lt;img src=x onerror=&quot;alert(1)&quot;&gt; not found");
  });
});
