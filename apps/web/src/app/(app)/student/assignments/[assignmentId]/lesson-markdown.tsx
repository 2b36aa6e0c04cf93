// A small, safe Markdown renderer for lesson text: it builds React elements (never HTML strings),
// so nothing a lesson contains can run as markup. It covers what lessons use: headings,
// paragraphs (line breaks kept), lists, quotes, code, rules, **bold**, *italic*, `code` and
// [links](https://…) (http, https and mailto only). Anything else is shown as written.
import { safeHref } from "@toolboxai/validators";
import { Fragment, type ReactNode } from "react";

const INLINE =
  /(`[^`\n]+`)|(\*\*[^*\n]+\*\*|__[^_\n]+__)|(\*[^*\s][^*\n]*\*|_[^_\s][^_\n]*_)|(\[[^\]\n]+\]\([^)\s]+\))/;

function inline(text: string, key = "i"): ReactNode[] {
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
      out.push(<strong key={k}>{inline(token.slice(2, -2), k)}</strong>);
    } else if (m[3]) {
      out.push(<em key={k}>{inline(token.slice(1, -1), k)}</em>);
    } else {
      const [, label = "", url = ""] = /^\[([^\]]+)\]\(([^)\s]+)\)$/.exec(token) ?? [];
      // Only web and mailto links become links; `javascript:`, `data:` and the like stay text.
      const href = safeHref(url, { mailto: true });
      out.push(
        href ? (
          <a
            key={k}
            href={href}
            target="_blank"
            rel="noopener noreferrer"
            className="font-medium text-primary underline underline-offset-4"
          >
            {inline(label, k)}
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
function lines(items: string[], key: string): ReactNode[] {
  return items.flatMap((line, i) => {
    const parts = inline(line, `${key}-${i}`);
    return i === 0 ? parts : [<br key={`${key}-br-${i}`} />, ...parts];
  });
}

const UL = /^\s*[-*+]\s+(.*)$/;
const OL = /^\s*\d+[.)]\s+(.*)$/;
const HEADING = /^(#{1,6})\s+(.*?)\s*#*$/;
const RULE = /^\s*([-*_])(\s*\1){2,}\s*$/;
const QUOTE = /^\s*>\s?(.*)$/;
const FENCE = /^\s*```/;

export function LessonMarkdown({ source }: { source: string }) {
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
      const text = inline(heading[2] ?? "", key);
      blocks.push(
        (heading[1]?.length ?? 1) <= 2 ? (
          <h3 key={key} className="font-semibold text-lg">
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
      const children = items.map((item, j) => <li key={`${key}-${j}`}>{inline(item, `${key}-${j}`)}</li>);
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
          {lines(quoted, key)}
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
        {lines(para, key)}
      </p>,
    );
  }
  return <div className="grid gap-4 text-base">{blocks}</div>;
}
