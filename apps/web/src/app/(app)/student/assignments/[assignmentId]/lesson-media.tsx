// A lesson section's media links. Only http and https links are rendered as links (`safeHref`,
// the same rule as the URL schema), so a `javascript:`, `data:` or `vbscript:` URL that reached
// the database before that rule, or around it, is never something a student can click.
import { safeHref } from "@toolboxai/validators";
import { ExternalLink } from "lucide-react";

export interface MediaLink {
  url: string;
  caption: string;
}

/**
 * The lesson body without the media links the reader refuses to render, so a lesson saved with
 * one (before URL fields took only http and https) still opens instead of failing to parse.
 */
export function withoutUnsafeMedia(body: unknown): unknown {
  if (typeof body !== "object" || body === null || !Array.isArray((body as { sections?: unknown }).sections)) {
    return body;
  }
  const sections = (body as { sections: unknown[] }).sections.map((section) => {
    const media = (section as { media?: unknown } | null)?.media;
    if (!Array.isArray(media)) return section;
    const safe = media.filter((m) => {
      const url = (m as { url?: unknown } | null)?.url;
      return typeof url === "string" && safeHref(url) !== null;
    });
    return { ...(section as object), media: safe };
  });
  return { ...body, sections };
}

export function LessonMedia({ sectionId, media }: { sectionId: string; media: MediaLink[] }) {
  if (media.length === 0) return null;
  return (
    <section aria-labelledby={`media-${sectionId}`} className="grid gap-2">
      <h3 id={`media-${sectionId}`} className="font-medium text-sm">
        Watch and explore
      </h3>
      <ul className="grid gap-2">
        {media.map((m, i) => {
          const href = safeHref(m.url);
          const label = m.caption || m.url;
          return (
            <li key={i}>
              {href ? (
                <a
                  href={href}
                  target="_blank"
                  rel="noopener noreferrer"
                  className="inline-flex items-center gap-2 rounded-md border px-3 py-2 text-sm outline-none transition-colors hover:bg-accent focus-visible:ring-2 focus-visible:ring-ring"
                >
                  <ExternalLink className="size-4 shrink-0 text-muted-foreground" aria-hidden />
                  <span className="break-all">{label}</span>
                  <span className="sr-only"> (opens in a new tab)</span>
                </a>
              ) : (
                <span className="inline-flex items-center gap-2 px-3 py-2 text-muted-foreground text-sm">
                  <span className="break-all">{m.caption || "A link"}</span> (not a web link, so it can't be opened)
                </span>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
