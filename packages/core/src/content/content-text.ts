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
 * quiz: instructions. Written defensively: a body that does not have the expected shape
 * contributes what it can instead of failing.
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
  return parts
    .map((p) => p.trim())
    .filter(Boolean)
    .join("\n");
}
