// What the shared Markdown renderer turns lesson text and assistant replies into (finding 9 of
// the security review for lessons; the assistants' replies are written by a model, so the same
// rules hold): never raw HTML, and links only where they are safe to follow. Rendered to HTML on
// the server, as React renders them, so the test sees the markup a browser would get.
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { appPath, Markdown, type MarkdownProps } from "./markdown";

const UNSAFE = [
  "javascript:alert(document.domain)",
  "data:text/html,<script>alert(1)</script>",
  "vbscript:msgbox(1)",
  "javascript:void0",
];

const hrefs = (html: string) => [...html.matchAll(/href="([^"]*)"/g)].map((m) => m[1]);
const render = (source: string, props: Omit<MarkdownProps, "source"> = {}) =>
  renderToStaticMarkup(createElement(Markdown, { source, ...props }));

describe("Markdown links in lessons (mailto allowed)", () => {
  it("renders https and mailto links as links that open in a new tab", () => {
    const html = render("[site](https://example.org/a) and [mail](mailto:teacher@school.test)", { mailto: true });
    expect(hrefs(html)).toEqual(["https://example.org/a", "mailto:teacher@school.test"]);
    expect(html).toContain('target="_blank"');
  });

  it.each(UNSAFE)("renders [x](%s) as the text it was written as", (url) => {
    const html = render(`[click](${url})`, { mailto: true });
    expect(hrefs(html)).toEqual([]);
    expect(html).toContain("[click]");
  });

  it("leaves a path inside the app as text where app links are not allowed", () => {
    expect(hrefs(render("[open](/teacher/content/abc)", { mailto: true }))).toEqual([]);
  });
});

describe("Markdown links in assistant replies (app links allowed)", () => {
  it("renders a path inside the app as a link that opens in place", () => {
    const html = render("[Photosynthesis](/teacher/content/abc?tab=quiz#q1)", { appLinks: true });
    expect(hrefs(html)).toEqual(["/teacher/content/abc?tab=quiz#q1"]);
    expect(html).not.toContain('target="_blank"');
  });

  it("renders a web link as a link that opens in a new tab", () => {
    const html = render("[docs](https://example.org/)", { appLinks: true });
    expect(hrefs(html)).toEqual(["https://example.org/"]);
    expect(html).toContain('target="_blank"');
  });

  it.each([
    ...UNSAFE,
    "mailto:teacher@school.test",
    "//evil.example/phish",
    "/\\evil.example/phish",
    "teacher/content/abc",
  ])("renders [x](%s) as text", (url) => {
    const html = render(`[click](${url})`, { appLinks: true });
    expect(hrefs(html)).toEqual([]);
    expect(html).toContain("[click]");
  });

  it("keeps a path's dot segments inside the app", () => {
    expect(appPath("/teacher/../../admin")).toBe("/admin");
    expect(appPath("/%2F%2Fevil.example")).toBe("/%2F%2Fevil.example");
  });
});

describe("Markdown never renders raw HTML", () => {
  it("shows tags a reply contains as text", () => {
    const html = render('<img src=x onerror="alert(1)"> <script>alert(2)</script> **bold**', { appLinks: true });
    expect(html).not.toContain("<img");
    expect(html).not.toContain("<script");
    expect(html).toContain("&lt;img src=x onerror=");
    expect(html).toContain("<strong>bold</strong>");
  });

  it("renders the blocks a reply uses: headings, lists, code, quotes", () => {
    const html = render("## Plan\n\n- one\n- two\n\n1. first\n\n```\nx < 1\n```\n\n> note", { size: "sm" });
    expect(html).toContain("<h3");
    expect(html).toContain("<li>one</li><li>two</li>");
    expect(html).toContain("<ol");
    expect(html).toContain("<code>x &lt; 1</code>");
    expect(html).toContain("<blockquote");
  });
});
