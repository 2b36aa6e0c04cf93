// A small, safe Markdown renderer for lesson text and the assistants' replies: it builds React
// elements (never HTML strings), so nothing a lesson or a model writes can run as markup; raw
// HTML is shown as the text it is. It covers what lessons and replies use: headings, paragraphs
// (line breaks kept), lists, quotes, code, rules, **bold**, *italic*, `code` and [links](https://…).
// Links are http and https only (mailto too where `mailto` is set, for lessons), and with
// `appLinks` also paths inside this app ("/teacher/content/…", what the assistant's tools link to).
// Anything else is shown as written.
import { safeHref } from "@toolboxai/validators";
import Link from "next/link";
import { Fragment, type ReactNode } from "react";
import { cn } from "~/lib/utils";

export interface MarkdownLinks {
  /** mailto: links (lessons). */
  mailto?: boolean;
  /** Paths inside this app, opened in place (the assistant's replies). */
  appLinks?: boolean;
}

/** An origin no link can have: a path resolved against it that keeps it stays inside the app. */
const APP_ORIGIN = "https://app.invalid";

/**
 * The path of a link inside this app ("/teacher/content/abc?x=1#y"), or null. Only a path starting
 * with one slash counts: "//evil.example" and "/\evil.example" are other hosts to a browser.
 */
export function appPath(url: string): string | null {
  if (!url.startsWith("/") || url.startsWith("//") || url.startsWith("/\\")) return null;
  try {
    const parsed = new URL(url, APP_ORIGIN);
    return parsed.origin === APP_ORIGIN ? `${parsed.pathname}${parsed.search}${parsed.hash}` : null;
  } catch {
    return null;
  }
}

const INLINE =
  /(`[^`\n]+`)|(\*\*[^*\n]+\*\*|__[^_\n]+__)|(\*[^*\s][^*\n]*\*|_[^_\s][^_\n]*_)|(\[[^\]\n]+\]\([^)\s]+\))/;

function inline(text: string, links: MarkdownLinks, key = "i"): ReactNode[] {
  const out: ReactNode[] = [];
  let rest = text;
  let n = 0;
  while (rest) {
    const m = INLINE.exec(rest);
    if (!m) {
      out.push(rest);
      break;
    }
    if (m.index > 0) out.push(rest.slice(0, m.index));
    const token = m[0];
    const k = `${key}-${n++}`;
    if (m[1]) {
      out.push(
        <code key={k} className="rounded bg-muted px-1 py-0.5 font-mono text-[0.9em]">
          {token.slice(1, -1)}
        </code>,
      );
    } else if (m[2]) {
      out.push(<strong key={k}>{inline(token.slice(2, -2), links, k)}</strong>);
    } else if (m[3]) {
      out.push(<em key={k}>{inline(token.slice(1, -1), links, k)}</em>);
    } else {
      const [, label = "", url = ""] = /^\[([^\]]+)\]\(([^)\s]+)\)$/.exec(token) ?? [];
      // Only web (and, where allowed, mailto and in-app) links become links; `javascript:`,
      // `data:` and the like stay text.
      const inApp = links.appLinks ? appPath(url) : null;
      const href = inApp ? null : safeHref(url, { mailto: links.mailto ?? false });
      out.push(
        inApp ? (
          <Link key={k} href={inApp} className="font-medium text-primary underline underline-offset-4">
            {inline(label, links, k)}
          </Link>
        ) : href ? (
          <a
            key={k}
            href={href}
            target="_blank"
            rel="noopener noreferrer"
            className="font-medium text-primary underline underline-offset-4"
          >
            {inline(label, links, k)}
            <span className="sr-only"> (opens in a new tab)</span>
          </a>
        ) : (
          <Fragment key={k}>{token}</Fragment>
        ),
      );
    }
    rest = rest.slice(m.index + token.length);
  }
  return out;
}

/** Lines joined with <br>, each rendered inline. */
function lines(items: string[], links: MarkdownLinks, key: string): ReactNode[] {
  return items.flatMap((line, i) => {
    const parts = inline(line, links, `${key}-${i}`);
    return i === 0 ? parts : [<br key={`${key}-br-${i}`} />, ...parts];
  });
}

const UL = /^\s*[-*+]\s+(.*)$/;
const OL = /^\s*\d+[.)]\s+(.*)$/;
const HEADING = /^(#{1,6})\s+(.*?)\s*#*$/;
const RULE = /^\s*([-*_])(\s*\1){2,}\s*$/;
const QUOTE = /^\s*>\s?(.*)$/;
const FENCE = /^\s*```/;

export interface MarkdownProps extends MarkdownLinks {
  source: string;
  /** `sm` for chat bubbles and side panels: smaller text, tighter spacing. */
  size?: "base" | "sm";
  className?: string;
}

export function Markdown({ source, size = "base", className, ...links }: MarkdownProps) {
  const small = size === "sm";
  const all = source.replace(/\r\n?/g, "\n").split("\n");
  const blocks: ReactNode[] = [];
  let i = 0;
  while (i < all.length) {
    const line = all[i] ?? "";
    const key = `b${i}`;
    if (line.trim() === "") {
      i++;
      continue;
    }
    if (FENCE.test(line)) {
      const code: string[] = [];
      i++;
      while (i < all.length && !FENCE.test(all[i] ?? "")) code.push(all[i++] ?? "");
      i++;
      blocks.push(
        <pre key={key} className="overflow-x-auto rounded-md bg-muted p-3 font-mono text-sm">
          <code>{code.join("\n")}</code>
        </pre>,
      );
      continue;
    }
    const heading = HEADING.exec(line);
    if (heading) {
      const text = inline(heading[2] ?? "", links, key);
      blocks.push(
        (heading[1]?.length ?? 1) <= 2 ? (
          <h3 key={key} className={small ? "font-semibold text-base" : "font-semibold text-lg"}>
            {text}
          </h3>
        ) : (
          <h4 key={key} className="font-semibold">
            {text}
          </h4>
        ),
      );
      i++;
      continue;
    }
    if (RULE.test(line)) {
      blocks.push(<hr key={key} className="border-border" />);
      i++;
      continue;
    }
    const list = UL.test(line) ? UL : OL.test(line) ? OL : null;
    if (list) {
      const items: string[] = [];
      while (i < all.length && list.test(all[i] ?? "")) items.push(list.exec(all[i++] ?? "")?.[1] ?? "");
      const children = items.map((item, j) => <li key={`${key}-${j}`}>{inline(item, links, `${key}-${j}`)}</li>);
      blocks.push(
        list === UL ? (
          <ul key={key} className="list-disc space-y-1 pl-6">
            {children}
          </ul>
        ) : (
          <ol key={key} className="list-decimal space-y-1 pl-6">
            {children}
          </ol>
        ),
      );
      continue;
    }
    if (QUOTE.test(line)) {
      const quoted: string[] = [];
      while (i < all.length && QUOTE.test(all[i] ?? "")) quoted.push(QUOTE.exec(all[i++] ?? "")?.[1] ?? "");
      blocks.push(
        <blockquote key={key} className="border-l-4 pl-4 text-muted-foreground italic">
          {lines(quoted, links, key)}
        </blockquote>,
      );
      continue;
    }
    const para: string[] = [];
    while (i < all.length) {
      const l = all[i] ?? "";
      if (l.trim() === "" || FENCE.test(l) || HEADING.test(l) || UL.test(l) || OL.test(l) || QUOTE.test(l)) break;
      para.push(l);
      i++;
    }
    blocks.push(
      <p key={key} className="leading-relaxed">
        {lines(para, links, key)}
      </p>,
    );
  }
  return (
    <div className={cn("grid min-w-0 break-words", small ? "gap-2 text-sm" : "gap-4 text-base", className)}>
      {blocks}
    </div>
  );
}
