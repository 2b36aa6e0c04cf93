// Links people type (lesson media, Markdown links) and where they may point. Only http and https
// are accepted on the way in, and the renderers check again on the way out (`safeHref`), so a
// `javascript:`, `data:` or `vbscript:` link stored before this rule, or sent around it, is never
// rendered as a link.
import { z } from "zod";
import { isStorableText, textSchema } from "./text";

export const URL_MESSAGE = "Enter a full link, starting with https://";
export const MAX_URL_LENGTH = 2000;

/** Links the renderers follow: http and https, and for Markdown links mailto too. */
const webLink = z.url({ protocol: /^https?$/, normalize: true });
const markdownLink = z.url({ protocol: /^(https?|mailto)$/, normalize: true });

/** The one schema of every URL field: an absolute http or https URL of at most 2000 characters. */
export const httpUrlSchema = textSchema
  .trim()
  .pipe(z.url({ protocol: /^https?$/, error: URL_MESSAGE }).max(MAX_URL_LENGTH, "A link is at most 2000 characters"));

/**
 * The URL to put in an `href` or `src`, or null when it must not be rendered as a link: not an
 * absolute URL, or a scheme other than http and https (plus mailto when `mailto` is set).
 * Returns the URL as the browser will read it (normalized by the WHATWG URL parser), so what is
 * checked is what is followed.
 */
export function safeHref(url: string, options: { mailto?: boolean } = {}): string | null {
  if (url.length > MAX_URL_LENGTH || !isStorableText(url)) return null;
  const parsed = (options.mailto ? markdownLink : webLink).safeParse(url);
  return parsed.success ? parsed.data : null;
}
