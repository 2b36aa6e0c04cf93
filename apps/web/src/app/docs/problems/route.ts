// GET /docs/problems: what each problem `type` of the REST API means. Every problem+json body's
// `type` ("/docs/problems#not-found") points at an entry here.
import { PROBLEMS, problemType } from "@toolboxai/api";
import { escapeHtml, htmlResponse, NAV_STYLE, nav } from "../page-shell";

export const dynamic = "force-static";

/** `code` spans in the catalogue's Markdown-ish descriptions. */
const withCode = (s: string) => escapeHtml(s).replace(/`([^`]+)`/g, "<code>$1</code>");

export function GET(): Response {
  const entries = Object.entries(PROBLEMS)
    .map(([code, p]) => {
      const anchor = problemType(code).split("#")[1] ?? code;
      return `<section id="${anchor}">
<h2><a href="#${anchor}">${p.status} ${escapeHtml(p.title)}</a></h2>
<p><code>code: "${code}"</code></p>
<p>${withCode(p.description)}</p>
</section>`;
    })
    .join("\n");
  return htmlResponse(`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Problem types · ToolboxAI API</title>
<style>${NAV_STYLE}
body{margin:0;background:#f8fafc;color:#0f172a;font:16px/1.55 system-ui,-apple-system,"Segoe UI",sans-serif}
main{max-width:48rem;margin:0 auto;padding:1.5rem}
section{background:#fff;border:1px solid #e2e8f0;border-radius:.5rem;padding:1rem 1.25rem;margin:0 0 1rem}
section:target{border-color:#4338ca;box-shadow:0 0 0 2px #c7d2fe}
h1{font-size:1.75rem;margin:.5rem 0 1rem}h2{font-size:1.15rem;margin:0 0 .25rem}h2 a{color:inherit;text-decoration:none}
code{background:#eef2ff;padding:.1rem .3rem;border-radius:.25rem;font-size:.9em}
</style>
</head>
<body>
${nav()}
<main>
<h1>Problem types</h1>
<p>Every error of the REST API is <code>application/problem+json</code> (RFC 9457) with a stable <code>code</code>,
a <code>type</code> pointing here, the request's <code>requestId</code> and, for invalid input, <code>errors</code> and <code>fieldErrors</code>.</p>
${entries}
</main>
</body>
</html>
`);
}
