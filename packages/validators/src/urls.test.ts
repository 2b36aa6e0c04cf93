// Links may point only at web pages (finding 9 of the security review): the URL schema refuses
// other schemes on the way in, and `safeHref`, which the renderers call, refuses them on the way out.
import { describe, expect, it } from "vitest";
import { httpUrlSchema, lessonBodySchema, safeHref, URL_MESSAGE } from "./index";

const DANGEROUS = [
  "javascript:alert(document.domain)",
  "JavaScript:alert(1)",
  "  javascript:alert(1)",
  "java\tscript:alert(1)",
  "data:text/html,<script>alert(1)</script>",
  "vbscript:msgbox(1)",
  "file:///etc/passwd",
];

describe("httpUrlSchema", () => {
  it("accepts http and https links", () => {
    expect(httpUrlSchema.parse("https://www.youtube.com/watch?v=abc")).toBe("https://www.youtube.com/watch?v=abc");
    expect(httpUrlSchema.parse("http://example.org/page")).toBe("http://example.org/page");
  });

  it("trims the spaces around a pasted link", () => {
    expect(httpUrlSchema.parse("  https://example.org/  ")).toBe("https://example.org/");
  });

  it.each(DANGEROUS)("refuses %j with the link message", (url) => {
    const r = httpUrlSchema.safeParse(url);
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.message).toBe(URL_MESSAGE);
  });

  it("refuses a relative link", () => {
    expect(httpUrlSchema.safeParse("/student").success).toBe(false);
  });

  it("refuses a link longer than 2000 characters", () => {
    expect(httpUrlSchema.safeParse(`https://example.org/${"a".repeat(2000)}`).success).toBe(false);
  });

  it("is the schema of a lesson's media links", () => {
    const r = lessonBodySchema.safeParse({
      sections: [{ id: "s1", heading: "Intro", markdown: "", media: [{ url: "javascript:alert(document.domain)" }] }],
    });
    expect(r.error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([
      ["sections.0.media.0.url", URL_MESSAGE],
    ]);
  });
});

describe("safeHref", () => {
  it("returns an http or https link as the browser will follow it", () => {
    expect(safeHref("https://Example.org/a b")).toBe("https://example.org/a%20b");
    expect(safeHref("http://example.org/")).toBe("http://example.org/");
  });

  it.each(DANGEROUS)("refuses %j", (url) => {
    expect(safeHref(url)).toBeNull();
    expect(safeHref(url, { mailto: true })).toBeNull();
  });

  it("allows mailto only when asked (Markdown links)", () => {
    expect(safeHref("mailto:teacher@school.test")).toBeNull();
    expect(safeHref("mailto:teacher@school.test", { mailto: true })).toBe("mailto:teacher@school.test");
  });

  it("refuses relative links, text and unstorable characters", () => {
    expect(safeHref("/student")).toBeNull();
    expect(safeHref("not a link")).toBeNull();
    expect(safeHref("https://example.org/\u0000")).toBeNull();
  });
});
