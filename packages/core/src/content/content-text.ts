// The plain text of a content body, stored in ContentItem.searchText for full-text search
// (the GIN index covers title, description and this text).
import type { ContentType } from "@toolboxai/db";

/** Markdown to words: drops images, link targets, code fences, emphasis and heading marks. */
export function markdownToText(markdown: string): string {
  return markdown
    .replace(/```[^\n]*\n?/g, " ")
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/<[^>]+>/g, " ")
    .replace(/^\s{0,3}(#{1,6}|>|[-*+]|\d+[.)])\s+/gm, "")
    .replace(/[*_~`|]+/g, " ")
    .replace(/\s+/g, " ")
    .trim();
}

/**
 * How much of a body's text is searchable. PostgreSQL refuses a tsvector over 1 MB (error 54000),
 * and the search document is built from this text: a lesson of 50 full sections (2.5 MB of
 * distinct words) made a 4 MB tsvector and a 500. 100,000 characters stay far below the limit
 * (at most a few hundred KB of tsvector) and hold any lesson's opening sections.
 */
export const MAX_SEARCH_TEXT = 100_000;

function strings(value: unknown): string[] {
  return typeof value === "string" ? [value] : [];
}

function records(value: unknown): Record<string, unknown>[] {
  return Array.isArray(value)
    ? value.filter((v): v is Record<string, unknown> => typeof v === "object" && v !== null)
    : [];
}

/**
 * Lesson: section headings, markdown and media captions; activity: instructions and steps;
 * quiz: instructions; at most MAX_SEARCH_TEXT characters. Written defensively: a body that does
 * not have the expected shape contributes what it can instead of failing.
 */
export function bodyToText(type: ContentType, body: unknown): string {
  const b = (typeof body === "object" && body !== null ? body : {}) as Record<string, unknown>;
  const parts: string[] = [];
  switch (type) {
    case "LESSON":
      for (const section of records(b.sections)) {
        parts.push(
          ...strings(section.heading),
          markdownToText(typeof section.markdown === "string" ? section.markdown : ""),
        );
        for (const media of records(section.media)) parts.push(...strings(media.caption));
      }
      break;
    case "ACTIVITY":
      parts.push(...strings(b.instructions));
      for (const step of records(b.steps)) parts.push(...strings(step.text));
      break;
    case "QUIZ":
      parts.push(...strings(b.instructions));
      break;
    case "ENVIRONMENT":
      break;
  }
  const text = parts
    .map((p) => p.trim())
    .filter(Boolean)
    .join("\n");
  if (text.length <= MAX_SEARCH_TEXT) return text;
  // Cut without splitting an emoji (a surrogate pair) in half.
  const cut = /[\uD800-\uDBFF]/.test(text.charAt(MAX_SEARCH_TEXT - 1)) ? MAX_SEARCH_TEXT - 1 : MAX_SEARCH_TEXT;
  return text.slice(0, cut);
}
