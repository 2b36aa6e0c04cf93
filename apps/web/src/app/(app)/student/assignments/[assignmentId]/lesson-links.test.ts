// What a student's lesson renders for the media links a lesson carries (finding 9 of the security
// review): only http(s) links become links. Rendered to HTML on the server, as React renders them,
// so the test sees the markup a browser would get. The links in a lesson's Markdown are
// specified with the renderer (components/markdown.test.ts).
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { LessonMedia, withoutUnsafeMedia } from "./lesson-media";

const UNSAFE = ["javascript:alert(document.domain)", "data:text/html,<script>alert(1)</script>", "vbscript:msgbox(1)"];

const hrefs = (html: string) => [...html.matchAll(/href="([^"]*)"/g)].map((m) => m[1]);
const media = (links: { url: string; caption: string }[]) =>
  renderToStaticMarkup(createElement(LessonMedia, { sectionId: "s1", media: links }));

describe("lesson media links", () => {
  it("renders an https media link as a link that opens in a new tab", () => {
    const html = media([{ url: "https://www.youtube.com/watch?v=abc", caption: "Video" }]);
    expect(hrefs(html)).toEqual(["https://www.youtube.com/watch?v=abc"]);
    expect(html).toContain('target="_blank"');
  });

  it.each(UNSAFE)("renders %j as text, not as a link", (url) => {
    const html = media([{ url, caption: "Click me" }]);
    expect(hrefs(html)).toEqual([]);
    expect(html).toContain("Click me");
    expect(html).not.toContain(url.slice(0, 10));
  });

  it("renders nothing for a section without media", () => {
    expect(media([])).toBe("");
  });

  it("takes unsafe media out of a stored lesson body so the rest still parses and shows", () => {
    const body = {
      sections: [
        {
          id: "s1",
          heading: "Intro",
          markdown: "Text",
          media: [
            { url: "javascript:alert(document.domain)", caption: "Bad" },
            { url: "https://example.org/", caption: "Good" },
          ],
        },
      ],
    };
    expect(withoutUnsafeMedia(body)).toEqual({
      sections: [
        { id: "s1", heading: "Intro", markdown: "Text", media: [{ url: "https://example.org/", caption: "Good" }] },
      ],
    });
  });
});
