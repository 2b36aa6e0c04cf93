// Errors of the app's file routes (the gradebook CSV, the Rojo zip), answered for whoever asked:
// a small HTML page for a browser that opened the link, RFC 9457 problem details otherwise.
import "server-only";
import { TRPCError } from "@trpc/server";
import { getHTTPStatusCodeFromError } from "@trpc/server/http";

export interface Problem {
  status: number;
  /** What went wrong, in words for people ("You're not signed in"). */
  title: string;
  /** What to do about it, or which thing was not found. */
  detail: string;
  /** The tRPC-style code (NOT_FOUND, FORBIDDEN...), for programs that branch on it. */
  code: string;
}

const TITLES: Record<number, string> = {
  400: "This can't be downloaded",
  401: "You're not signed in",
  403: "You don't have access to this",
  404: "We couldn't find that",
  429: "Too many downloads",
  500: "Something went wrong on our side",
};

const DETAILS: Record<number, string> = {
  401: "Sign in, then open the link again.",
  403: "Your account can't open this file. If you think it should, ask your school's admin.",
  404: "It may have been deleted, or the link may be wrong.",
  500: "Please try again in a moment.",
};

const sentence = (s: string) => (/[.!?]$/.test(s.trim()) ? s.trim() : `${s.trim()}.`);

/** The problem a procedure's refusal describes (its message in the detail, except where it would say too much). */
export function problemOf(error: unknown): Problem {
  const e = error instanceof TRPCError ? error : new TRPCError({ code: "INTERNAL_SERVER_ERROR" });
  const status = getHTTPStatusCodeFromError(e);
  const title =
    TITLES[status] ?? (status >= 500 ? "Something went wrong on our side" : "This request can't be completed");
  let detail: string;
  if (status >= 500 || status === 401 || status === 403) detail = DETAILS[status] ?? DETAILS[500] ?? "";
  // An input the schema refused (an id too long to be one) carries zod's issues as JSON: not for people.
  else if (/^\s*[[{]/.test(e.message)) detail = "This link is not valid. Check it and try again.";
  else detail = [sentence(e.message), DETAILS[status]].filter(Boolean).join(" ");
  return { status, code: e.code, title, detail };
}

/** A problem of the route's own (a lesson asked for as a Roblox project). */
export function problem(status: number, code: string, detail: string): Problem {
  return { status, code, title: TITLES[status] ?? "This request can't be completed", detail };
}

/**
 * Whether the client would rather read HTML: a browser following a link sends `text/html` first;
 * `fetch`, curl and scripts send `*\/*`, JSON or nothing, and get problem details.
 */
export function prefersHtml(accept: string | null): boolean {
  if (!accept) return false;
  const ranked = accept
    .split(",")
    .map((part, index) => {
      const [type = "", ...params] = part.trim().toLowerCase().split(";");
      const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
      return { type: type.trim(), q: q ? Number(q.slice(2)) || 0 : 1, index };
    })
    .filter((r) => r.q > 0);
  const quality = (types: string[]) => Math.max(0, ...ranked.filter((r) => types.includes(r.type)).map((r) => r.q));
  const html = quality(["text/html", "application/xhtml+xml"]);
  return html > 0 && html >= quality(["application/problem+json", "application/json"]);
}

/** HTTP's reason phrases: with `type` "about:blank", RFC 9457 asks for the status's own phrase as `title`. */
const REASON: Record<number, string> = {
  400: "Bad Request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not Found",
  409: "Conflict",
  410: "Gone",
  412: "Precondition Failed",
  429: "Too Many Requests",
  500: "Internal Server Error",
};

/** Escapes text for the page's elements and double-quoted attributes. */
const escapeHtml = (s: string) =>
  s.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c] ?? c);

function htmlPage(problem: Problem, requestId: string): string {
  const action =
    problem.status === 401 ? { href: "/signin", label: "Sign in" } : { href: "/", label: "Go to your home page" };
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(problem.title)} · ToolboxAI</title>
<style>
body{margin:0;min-height:100vh;display:grid;place-items:center;background:#f8fafc;color:#0f172a;font:16px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif}
main{max-width:32rem;margin:1.5rem;padding:2rem;background:#fff;border:1px solid #e2e8f0;border-radius:.75rem}
h1{margin:0 0 .5rem;font-size:1.5rem}p{margin:0 0 1rem;color:#475569}small{color:#64748b}
a{display:inline-block;margin-bottom:1rem;padding:.5rem 1rem;border-radius:.375rem;background:#4338ca;color:#fff;text-decoration:none;font-weight:500}
a:focus-visible{outline:2px solid #4338ca;outline-offset:2px}
</style>
</head>
<body>
<main>
<p><small>Error ${problem.status}</small></p>
<h1>${escapeHtml(problem.title)}</h1>
<p>${escapeHtml(problem.detail)}</p>
<a href="${action.href}">${action.label}</a>
<p><small>Request id: ${escapeHtml(requestId)}</small></p>
</main>
</body>
</html>
`;
}

/**
 * The response for `problem`: text/html when the request prefers it, else
 * application/problem+json (RFC 9457: `type`, `title`, `status`, `detail`; plus `code` and `requestId`).
 */
export function problemResponse(
  req: Request,
  problem: Problem,
  requestId: string,
  headers: Record<string, string> = {},
): Response {
  const common = { "cache-control": "no-store", "x-request-id": requestId, ...headers };
  if (prefersHtml(req.headers.get("accept"))) {
    return new Response(htmlPage(problem, requestId), {
      status: problem.status,
      headers: { ...common, "content-type": "text/html; charset=utf-8" },
    });
  }
  const body = {
    type: "about:blank",
    title: REASON[problem.status] ?? problem.title,
    status: problem.status,
    detail: problem.detail,
    code: problem.code,
    requestId,
  };
  return new Response(JSON.stringify(body), {
    status: problem.status,
    headers: { ...common, "content-type": "application/problem+json" },
  });
}
